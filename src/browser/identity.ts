/**
 * Contract §4: the page says who is signed in (`data-user-id` on the script tag, rendered by the JSP from the
 * server session) and the tag brings the browser's identity in line before the page call: the loader itself when it
 * sends the page view (`page-view.ts`), else the core chunk. One table for both (`identityStep`).
 */
import type { Analytics } from '@segment/analytics-next'

/**
 * A user id as the server renders it (digits, a UUID, `U-1001`, `auth0|5f…`). Anything else is a template bug: an
 * unrendered expression (`${sessionScope.user.id}`), a stringified null, an e-mail address (personal data, never an id).
 */
const USER_ID = /^(?!(undefined|null|nan)$)[\w.:|+=/-]{1,255}$/i

/** Whether a trimmed `data-user-id` is a user id. */
export const isUserId = (userId: string): boolean => USER_ID.test(userId)

/** The user id the page names: '' when no one is signed in, undefined (after `report`) when the value is not an id. */
export function userIdOf(value: string, report: (message: string) => void): string | undefined {
  const userId = value.trim()
  if (value === '' || isUserId(userId)) return userId
  report(`data-user-id="${value.slice(0, 60)}" is not a user id; the browser's identity is left as it is`)
  return undefined
}

/**
 * The table of contract §4: `userId` is the page's ('' = signed out, undefined = the page does not say), `held` the
 * user id the browser holds ('' = none). A reset clears the user id, the traits and the anonymous id.
 */
export function identityStep(userId: string | undefined, held: string): { reset: boolean; identify: boolean } {
  const change = userId !== undefined && userId !== held
  return { reset: change && held !== '', identify: change && userId !== '' }
}

/**
 * Applies the table of contract §4: `userId` is the page's ('' = signed out), the browser holds `instance.user().id()`.
 * Only the user id and the anonymous id are sent, never traits: those come from the server's identify.
 */
export function applyIdentity(instance: Analytics, userId: string, options: { timestamp: Date }): void {
  const user = instance.user()
  const step = identityStep(userId, user.id() ?? '')
  // Another person on a shared computer, or a session that ended: nothing of the previous user carries over.
  if (step.reset) instance.reset()
  if (!step.identify) return
  // analytics-next would merge traits kept from before into the identify.
  user.traits(null)
  instance.identify(userId, {}, options).catch(() => undefined)
}
