/**
 * Finds tracked markup: what is in the page when the tag starts, and whatever scripts (or the parser, for an
 * async tag that runs before the document is complete) insert later. One MutationObserver for the page.
 */
import { warn } from './log'

type Visitor = (element: Element) => void

export const TRACKED = '[data-analytics-event],[data-analytics-list],[data-analytics-product],[data-analytics-cart],[data-analytics-promotion]'

const added: Visitor[] = []
const removed: Visitor[] = []
let scanned = false

/** Calls `visit` for every tracked element in the page now and for every one inserted later. */
export function onAdded(visit: Visitor): void {
  added.push(visit)
  // A late visitor (the lazily loaded impressions) visits what the first scan already found.
  if (scanned) each(document.documentElement, [visit])
}

/** Calls `visit` for every tracked element removed from the page, so its observers can let go of it. */
export function onRemoved(visit: Visitor): void {
  removed.push(visit)
}

function each(node: Node, visitors: Visitor[]): void {
  if (!(node instanceof Element)) return
  const elements = Array.from(node.querySelectorAll(TRACKED))
  if (node.matches(TRACKED)) elements.unshift(node)
  for (const element of elements) {
    for (const visit of visitors) {
      try {
        visit(element)
      } catch (error) {
        warn(error)
      }
    }
  }
}

/** Visits the whole page again (a page restored from the back/forward cache starts "once per page view" over). */
export function rescan(): void {
  each(document.documentElement, added)
}

export function startMarkup(): void {
  const start = () => {
    new MutationObserver((records) => {
      for (const record of records) {
        record.removedNodes.forEach((node) => each(node, removed))
        record.addedNodes.forEach((node) => node.isConnected && each(node, added))
      }
    }).observe(document.documentElement, { childList: true, subtree: true })
    rescan()
    scanned = true
  }
  // An async tag often runs while the page is still being parsed. Watching the parser insert the rest node by
  // node cost more than all the rest of the start-up on a long catalog page; one scan once it is parsed finds the same.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true })
  else start()
}
