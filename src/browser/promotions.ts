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
/** The promotions watched until they are viewed; during a fast scroll only the shown ones are observed. */
const waiting = new Set<Element>()

/**
 * A fast scroll (a fling, a scrollbar dragged) carries hundreds of promotions past the viewport, each shown for a
 * few frames: none of them can stay the impression time, yet watching them costs the observer a little for every
 * element in every frame, and the tag two reports a promotion. So once this many promotions have left within a
 * quarter of the impression time of showing, within such a quarter, the others are set aside until the page rests;
 * the ones shown then stay watched.
 */
const PASSING_BY = 20
/** While set aside: the document's scroll position, read every REST_MS until it moved less than a quarter of the viewport. */
const REST_MS = 100
let passing = 0
let passingSince = -Infinity
let resting = 0
let scrolledTo = 0

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
    waiting.delete(promotion)
    viewed.add(promotion)
    unwatch(promotion, sighted)
    link.send({ type: 'track', event: 'Promotion Viewed', properties: promotionOf(promotion), source: promotion })
  }

  // The clock is the report's own: when the observer saw it, not when the tag got to the report.
  function sighted(entry: IntersectionObserverEntry): void {
    const { target, time } = entry
    if (isShown(entry)) {
      if (!shown.has(target)) {
        shown.set(target, time)
        schedule()
      }
      return
    }
    const since = shown.get(target)
    if (since === undefined) return
    shown.delete(target)
    if (time - since >= impressionMs / 4) return
    if (time - passingSince > impressionMs / 4) {
      passing = 0
      passingSince = time
    }
    if (++passing === PASSING_BY && !resting) setAside()
  }

  function setAside(): void {
    for (const promotion of waiting) if (!shown.has(promotion)) unwatch(promotion, sighted)
    scrolledTo = scrollY
    resting = window.setTimeout(rest, REST_MS)
  }

  function rest(): void {
    const moved = Math.abs(scrollY - scrolledTo)
    scrolledTo = scrollY
    if (moved >= innerHeight / 4) resting = window.setTimeout(rest, REST_MS)
    else watchAll()
  }

  // Watching a promotion already watched changes nothing; one set aside is reported as it is now.
  function watchAll(): void {
    resting = 0
    passing = 0
    for (const promotion of waiting) watch(promotion, sighted)
  }

  onAdded((element) => {
    if (!element.hasAttribute(PROMOTION) || viewed.has(element) || isIgnored(element)) return
    waiting.add(element)
    if (!resting) watch(element, sighted)
  })
  onRemoved((element) => {
    shown.delete(element)
    waiting.delete(element)
  })
  onRestart(() => {
    clearTimeout(timer)
    clearTimeout(resting)
    timer = resting = passing = 0
    shown.clear()
    waiting.clear()
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
