/**
 * View triggers: one IntersectionObserver for the page. An element is reported once per page view, when it is
 * first visible; a page restored from the back/forward cache starts over (`restartImpressions`).
 */
import { EVENT, declaredEvent, isIgnored, triggerOf } from './attributes'
import { onAdded, onRemoved, rescan } from './markup'
import { send } from './sdk'

let observer: IntersectionObserver
let seen = new WeakSet<Element>()

function onIntersection(entries: IntersectionObserverEntry[]): void {
  for (const entry of entries) {
    const element = entry.target
    if (!entry.isIntersecting || seen.has(element)) continue
    seen.add(element)
    observer.unobserve(element)
    send(declaredEvent(element))
  }
}

function watch(element: Element): void {
  if (!seen.has(element) && element.hasAttribute(EVENT) && triggerOf(element) === 'view' && !isIgnored(element)) observer.observe(element)
}

export function restartImpressions(): void {
  observer.disconnect()
  seen = new WeakSet()
  rescan()
}

export function startImpressions(): void {
  observer = new IntersectionObserver(onIntersection)
  onAdded(watch)
  onRemoved((element) => observer.unobserve(element))
}
