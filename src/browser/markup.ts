/**
 * Finds tracked markup: what is in the page when the tag starts, and whatever scripts (or the parser, for an
 * async tag that runs before the document is complete) insert later. One MutationObserver for the page.
 */
import { later } from './later'
import { warn } from './log'

type Visitor = (element: Element) => void

const TRACKED = '[data-analytics-event],[data-analytics-list],[data-analytics-product],[data-analytics-cart],[data-analytics-promotion]'

const added: Visitor[] = []
const removed: Visitor[] = []
let scanned = false
const late: Visitor[] = []

/** Calls `visit` for every tracked element in the page now and for every one inserted later. */
export function onAdded(visit: Visitor): void {
  added.push(visit)
  // Late visitors (the lazily loaded impressions) visit what the first scan already found: one scan for all
  // those that arrive together.
  if (!scanned) return
  if (!late.length) queueMicrotask(() => each(document.documentElement, late.splice(0), true))
  late.push(visit)
}

/** Calls `visit` for every tracked element removed from the page, so its observers can let go of it. */
export function onRemoved(visit: Visitor): void {
  removed.push(visit)
}

function each(node: Node, visitors: Visitor[], visitLater: boolean): void {
  if (!(node instanceof Element)) return
  const elements = [...node.querySelectorAll(TRACKED)]
  if (node.matches(TRACKED)) elements.unshift(node)
  for (const element of elements) {
    if (visitLater) visits.push([element, visitors])
    else visitAll(element, visitors)
  }
  if (visitLater && !scheduled) scheduled = (later(drain), true)
}

function visitAll(element: Element, visitors: Visitor[]): void {
  for (const visit of visitors) {
    try {
      visit(element)
    } catch (error) {
      warn(error)
    }
  }
}

/**
 * New markup is visited in slices of at most this many ms, a task each: a catalog of thousands of products never
 * makes one long task. (Removed markup is let go of at once: that is cheap.)
 */
const SLICE_MS = 10
let visits: Array<[Element, Visitor[]]> = []
let scheduled = false

function drain(): void {
  const until = performance.now() + SLICE_MS
  let done = 0
  while (done < visits.length && performance.now() < until) {
    const [element, visitors] = visits[done++]!
    // Removed meanwhile: nothing to watch, and nothing that would keep it alive.
    if (element.isConnected) visitAll(element, visitors)
  }
  visits = visits.slice(done)
  scheduled = visits.length > 0
  if (scheduled) later(drain)
}

/** Visits the whole page again (a page restored from the back/forward cache starts "once per page view" over). */
export function rescan(): void {
  each(document.documentElement, added, true)
}

export function startMarkup(): void {
  const start = () => {
    new MutationObserver((records) => {
      for (const record of records) {
        record.removedNodes.forEach((node) => each(node, removed, false))
        record.addedNodes.forEach((node) => node.isConnected && each(node, added, true))
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
