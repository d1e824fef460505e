/**
 * Promotion Viewed (contract §3): once per promotion element per page view, when at least the impression threshold
 * of it stays visible for the impression time without a break. A promotion too large to ever show that share of
 * itself counts when it covers that share of the viewport. Time in a hidden tab does not count: the clock stops
 * when the tab is hidden or the promotion leaves, and starts over from zero when it is back.
 */
import { PROMOTION, isIgnored, promotionOf } from './attributes'
import type { ImpressionConfig } from './config'
import { onRestart, unwatch, watch } from './impressions'
import { link } from './link'
import { onAdded, onRemoved } from './markup'

let viewed = new WeakSet<Element>()
/**
 * The promotions shown now, each with the time its clock started, in that order (a Map keeps the order of
 * insertion, and a clock that starts over starts over for all of them at once).
 */
const shown = new Map<Element, number>()
/**
 * One timer, for the promotion due first, not one per promotion: a fast scroll shows and hides hundreds of
 * promotions, and setting and clearing a timer for each was a good part of the tag's scripting while scrolling.
 */
let timer = 0

export function startPromotions({ impressionThreshold: threshold, impressionMs }: ImpressionConfig): void {
  // The rectangles are read only when the ratio falls short: each read makes a new DOMRect.
  const isShown = (entry: IntersectionObserverEntry) => entry.isIntersecting && (entry.intersectionRatio >= threshold || coversViewport(entry))
  const coversViewport = ({ intersectionRect: r, rootBounds: root }: IntersectionObserverEntry) =>
    root !== null && r.width * r.height >= threshold * root.width * root.height

  function schedule(): void {
    if (timer || document.hidden) return
    for (const started of shown.values()) {
      timer = window.setTimeout(due, Math.max(0, started + impressionMs - performance.now()))
      return
    }
  }

  /** Reports the promotions whose time is up (the first ones), then waits for the next. */
  function due(): void {
    timer = 0
    const now = performance.now()
    try {
      for (const [promotion, started] of shown) {
        if (started + impressionMs > now) break
        promotionViewed(promotion)
      }
    } finally {
      // Whatever happened to one, the others' clocks go on.
      schedule()
    }
  }

  function promotionViewed(promotion: Element): void {
    shown.delete(promotion)
    viewed.add(promotion)
    unwatch(promotion, sighted)
    link.send({ type: 'track', event: 'Promotion Viewed', properties: promotionOf(promotion), source: promotion })
  }

  function sighted(entry: IntersectionObserverEntry): void {
    if (!isShown(entry)) shown.delete(entry.target)
    else if (!shown.has(entry.target)) {
      shown.set(entry.target, performance.now())
      schedule()
    }
  }

  onAdded((element) => {
    if (element.hasAttribute(PROMOTION) && !viewed.has(element) && !isIgnored(element)) watch(element, sighted)
  })
  onRemoved((element) => shown.delete(element))
  onRestart(() => {
    clearTimeout(timer)
    timer = 0
    shown.clear()
    viewed = new WeakSet()
  })
  // Hidden: the clock stops. Visible again: the promotions still shown start from zero.
  document.addEventListener('visibilitychange', () => {
    clearTimeout(timer)
    timer = 0
    const now = performance.now()
    for (const promotion of shown.keys()) shown.set(promotion, now)
    schedule()
  })
}
