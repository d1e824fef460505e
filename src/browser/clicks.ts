/** Click triggers: one capturing listener on the document for clicks and one for middle clicks. */
import { EVENT, LIST, LOGOUT, PRODUCT, PROMOTION, containerOf, declaredEvent, isIgnored, productOf, promotionOf, triggerOf } from './attributes'
import type { Command } from './commands'
import { departing } from './lifecycle'
import { send } from './sdk'
import { warn } from './log'

const CLAIMANTS = `[${EVENT}],[${PRODUCT}],[${PROMOTION}]`
/** Controls inside a product do their own thing (add to cart, compare): a click on one is not a Product Clicked. */
const CONTROLS = 'button,input,select,textarea,label'

/** What `element` sends for a click on `target` inside it, or undefined when it does not claim the click. */
function claim(element: Element, target: Element): Command | undefined {
  if (element.hasAttribute(EVENT) && triggerOf(element) === 'click') return declaredEvent(element)
  if (element.hasAttribute(PRODUCT)) {
    const list = containerOf(element)
    const control = target.closest(CONTROLS)
    if (list?.hasAttribute(LIST) && !(control && control !== element && element.contains(control))) {
      return { type: 'track', event: 'Product Clicked', properties: { ...productOf(element), list_id: list.getAttribute(LIST) }, source: element }
    }
  }
  if (element.hasAttribute(PROMOTION)) return { type: 'track', event: 'Promotion Clicked', properties: promotionOf(element), source: element }
  return undefined
}

function onClick(event: MouseEvent): void {
  try {
    const target = event.target
    if (!(target instanceof Element) || isIgnored(target)) return
    const click = event.type === 'click'
    const link = target.closest('a[href]')
    // A middle click opens a link in a new tab: it counts where it follows a link, like a click.
    if (!click && (event.button !== 1 || !link)) return
    // The innermost element that claims the click wins.
    for (let element = target.closest(CLAIMANTS); element; element = element.parentElement?.closest(CLAIMANTS) ?? null) {
      const command = claim(element, target)
      if (command) {
        send(command)
        break
      }
    }
    const logout = target.closest(`[${LOGOUT}]`)
    if (logout && logout.tagName !== 'FORM' && click) send({ type: 'reset' })
    // Modifier keys or a target may open a new tab instead: handing over early costs that click nothing but time.
    if (click && link) departing()
  } catch (error) {
    warn(error)
  }
}

export function startClicks(): void {
  // Capturing, so that a page handler calling stopPropagation() cannot hide the click; passive, never preventDefault.
  document.addEventListener('click', onClick, { capture: true, passive: true })
  document.addEventListener('auxclick', onClick, { capture: true, passive: true })
}
