/** Click triggers: one capturing listener on the document for clicks and one for middle clicks. */
import { EVENT, LOGOUT, declaredEvent, isIgnored, triggerOf } from './attributes'
import { send } from './sdk'

const DECLARED = `[${EVENT}]`

function onClick(event: MouseEvent): void {
  try {
    const target = event.target
    if (!(target instanceof Element) || isIgnored(target)) return
    // A middle click opens a link in a new tab: it counts where it follows a link, like a click.
    if (event.type === 'auxclick' && (event.button !== 1 || !target.closest('a[href]'))) return
    // The innermost declaration that listens to clicks wins.
    for (let element = target.closest(DECLARED); element; element = element.parentElement?.closest(DECLARED) ?? null) {
      if (triggerOf(element) === 'click') {
        send(declaredEvent(element))
        break
      }
    }
    const logout = target.closest(`[${LOGOUT}]`)
    if (logout && logout.tagName !== 'FORM' && event.type === 'click') send({ type: 'reset' })
  } catch (error) {
    console.warn('[academy-analytics]', error)
  }
}

export function startClicks(): void {
  // Capturing, so that a page handler calling stopPropagation() cannot hide the click; passive, never preventDefault.
  document.addEventListener('click', onClick, { capture: true, passive: true })
  document.addEventListener('auxclick', onClick, { capture: true, passive: true })
}
