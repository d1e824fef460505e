/** The `load` trigger: once per element, when it is in the page at start or inserted later. */
import { EVENT, ON, declaredEvent, isIgnored, triggerOf } from './attributes'
import { onAdded } from './markup'
import { send } from './sdk'

const sent = new WeakSet<Element>()

export function startLoads(): void {
  onAdded((element) => {
    if (sent.has(element) || !element.hasAttribute(EVENT) || isIgnored(element)) return
    const trigger = triggerOf(element)
    // Every declared element passes here once, so this is where a bad trigger is reported.
    if (!trigger) {
      sent.add(element)
      send({ type: 'warning', message: `data-analytics-on="${element.getAttribute(ON)}" is not click, submit, load or view; the element sends nothing`, source: element })
    }
    if (trigger !== 'load') return
    sent.add(element)
    send(declaredEvent(element))
  })
}
