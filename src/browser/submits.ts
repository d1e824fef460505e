/** Submit triggers: one capturing listener on the document. Form fields are never read. */
import { EVENT, LOGOUT, declaredEvent, isIgnored, triggerOf } from './attributes'
import { departing } from './lifecycle'
import { send } from './sdk'
import { warn } from './log'

const DECLARED = `[${EVENT}]`

function onSubmit(event: Event): void {
  try {
    const form = event.target
    if (!(form instanceof HTMLFormElement) || isIgnored(form)) return
    for (let element = form.closest(DECLARED); element; element = element.parentElement?.closest(DECLARED) ?? null) {
      if (triggerOf(element) === 'submit') {
        send(declaredEvent(element))
        break
      }
    }
    // A logout form (or a logout wrapper around the form); a logout button inside a form resets on its click.
    if (form.closest(`[${LOGOUT}]`)) send({ type: 'reset' })
    departing()
  } catch (error) {
    warn(error)
  }
}

export function startSubmits(): void {
  document.addEventListener('submit', onSubmit, { capture: true, passive: true })
}
