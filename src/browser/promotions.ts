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

let viewed = new WeakSet<Element>()
/** The promotions shown now, each with its timer (0 while the tab is hidden). */
const shown = new Map<Element, number>()

function stop(promotion: Element): void {
  clearTimeout(shown.get(promotion))
  shown.delete(promotion)
}

export function startPromotions({ impressionThreshold: threshold, impressionMs }: ImpressionConfig): void {
  const isShown = ({ isIntersecting, intersectionRatio, intersectionRect: r, rootBounds: root }: IntersectionObserverEntry) =>
    isIntersecting && (intersectionRatio >= threshold || (root !== null && r.width * r.height >= threshold * root.width * root.height))

  const time = (promotion: Element) =>
    shown.set(promotion, document.hidden ? 0 : window.setTimeout(promotionViewed, impressionMs, promotion))

  function promotionViewed(promotion: Element): void {
    shown.delete(promotion)
    viewed.add(promotion)
    unwatch(promotion, sighted)
    link.send({ type: 'track', event: 'Promotion Viewed', properties: promotionOf(promotion), source: promotion })
  }

  function sighted(entry: IntersectionObserverEntry): void {
    if (!isShown(entry)) stop(entry.target)
    else if (!shown.has(entry.target)) time(entry.target)
  }

  link.onAdded((element) => {
    if (element.hasAttribute(PROMOTION) && !viewed.has(element) && !isIgnored(element)) watch(element, sighted)
  })
  link.onRemoved(stop)
  onRestart(() => {
    shown.forEach((timer) => clearTimeout(timer))
    shown.clear()
    viewed = new WeakSet()
  })
  // Hidden: every clock stops. Visible again: the promotions still shown start from zero.
  document.addEventListener('visibilitychange', () => {
    for (const promotion of shown.keys()) {
      clearTimeout(shown.get(promotion))
      time(promotion)
    }
  })
}
