/**
 * The `load` trigger: once per element. The loader visits the page once it is parsed (a visitor may click at once:
 * the page's own events come first), and again when the page is left before the watchers chunk has run; the
 * watchers visit markup inserted later, with this same `sendLoad`.
 */
import { EVENT, declaredEvent, isIgnored, triggerOf } from './attributes'
import { send } from './sdk'

const sent = new WeakSet<Element>()

/** Sends the event `element` declares for the `load` trigger, once. */
export function sendLoad(element: Element): void {
  if (sent.has(element) || !element.hasAttribute(EVENT) || triggerOf(element) !== 'load' || isIgnored(element)) return
  sent.add(element)
  send(declaredEvent(element))
}

/** `watching` tells whether the watchers have started: they visit the page themselves. */
export function startLoads(watching: () => boolean): void {
  const visitPage = () => watching() || document.querySelectorAll(`[${EVENT}]`).forEach(sendLoad)
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', visitPage, { once: true })
  else visitPage()
  addEventListener('pagehide', visitPage)
}
