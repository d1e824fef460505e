/**
 * Consent (contract §7), in the loader: under `data-consent="required"` nothing beyond the loader may load, and
 * nothing may be written, before the visitor grants `analytics`, so the gate cannot live in a lazily loaded chunk.
 * The choice comes from `academyAnalytics.consent()` or OneTrust and is kept in the tag's own cookie. What the
 * consent object of each event says is the core's (`consent-object.ts`).
 */
import type { Config } from './config'
import { warn } from './log'
import { consentRequired, type Categories } from './consent-object'
import { cookieValue } from './stored-identity'


let required = false
/** The visitor's choice, undefined until one exists (from the cookie, the API or OneTrust). */
export let choice: Categories | undefined
let changed: (wasSending: boolean) => void

/** Whether events may leave: `required` waits for `analytics: true`; `none` sends unless `analytics` is declined. */
export const sending = (): boolean => (required ? choice?.analytics === true : choice?.analytics !== false)

/** Before a choice, under `required`: events are kept in memory for the choice to release or drop. */
export const waiting = (): boolean => required && !choice

/**
 * Records the visitor's choice in the tag's cookie, `academy_consent`: the choice as URL-encoded JSON, for a year,
 * for every page of the site and for the server. Then the loader lets events go, or drops them and forgets.
 */
export function choose(categories: unknown): void {
  try {
    if (!categories || typeof categories !== 'object') return warn('consent() takes an object, not', categories)
    const was = sending()
    const copy = { ...categories }
    document.cookie = `academy_consent=${encodeURIComponent(JSON.stringify(copy))}; path=/; max-age=31536000; sameSite=Lax`
    choice = copy
    changed(was)
  } catch (error) {
    // A banner's odd object (a getter that throws, a cycle) must not throw into the page.
    warn(error)
  }
}

type OneTrustWindow = {
  OnetrustActiveGroups?: unknown
  OneTrust?: { OnConsentChanged?(callback: () => void): void }
  OptanonWrapper?: unknown
}

/**
 * Reads the choice from OneTrust (`analytics:C0002,advertising:C0004`): its active groups, read again when it calls
 * `OptanonWrapper` (on load and on every save; the page's own runs after ours) and on `OneTrust.OnConsentChanged`.
 * Groups that grant `analytics` are a choice; groups that do not are one only once the visitor has answered
 * (`OnConsentChanged`): OneTrust's defaults before that (an opt-in region) leave the tag waiting, not declined.
 */
function readOneTrust(mapping: string[][]): void {
  const w = window as OneTrustWindow
  let hooked = false
  const read = (answered?: boolean) => {
    try {
      // Not loaded yet: every category reads false, which is no choice until the visitor answers.
      const categories = Object.fromEntries(mapping.map(([category, group]) => [category, `,${w.OnetrustActiveGroups},`.includes(`,${group},`)]))
      if (answered || categories.analytics) choose(categories)
      if (!hooked && w.OneTrust?.OnConsentChanged) {
        hooked = true
        w.OneTrust.OnConsentChanged(() => read(true))
      }
    } catch (error) {
      warn(error)
    }
  }
  const theirs = w.OptanonWrapper
  w.OptanonWrapper = () => {
    read()
    if (typeof theirs === 'function') theirs()
  }
  read()
}

/** Reads `data-consent`, the cookie and OneTrust; `onChange` runs after every choice (with whether events were going before). */
export function startConsent(config: Config, onChange: (wasSending: boolean) => void): void {
  // A typo must not track visitors who were to be asked first: anything but `none` is `required` (the linter, and
  // the core once it loads, say so: config.ts).
  required = consentRequired(config.script)
  try {
    choice = JSON.parse(cookieValue('academy_consent')!)
  } catch {
    // No choice yet (or an unreadable one: as if none had been made).
  }
  changed = onChange
  const oneTrust = config.script.getAttribute('data-consent-onetrust')
  if (oneTrust) readOneTrust(oneTrust.split(',').map((pair) => pair.split(':').map((part) => part.trim())))
}
