/**
 * The server-side events of the tracking plan, sent through @segment/analytics-node: one method per event, validated
 * by the same plan module as the tag. Rows with an Identify send `identify` then `track` with the same ids.
 *
 * A call never throws and never blocks: input the plan rejects is logged (`console.warn`) and returned in the
 * outcome, and the event is not sent; delivery failures are retried, then logged (`console.error`). Only
 * configuration mistakes throw, at start-up.
 */
import { isDeepStrictEqual } from 'node:util'
import { Analytics, FetchHTTPClient, type HTTPClient } from '@segment/analytics-node'
import { plan, type PropertiesOf, type ServerEventName, type TraitsOf } from '../plan/events'
import { validateEvent, validateTraits, type Validation } from '../plan/validate'
import { orderedDelivery } from './delivery'
import { withoutCardNumbers, withoutSecrets } from './secrets'

export interface ServerAnalyticsOptions {
  /** The Segment source's write key. Required: without one, createServerAnalytics throws. */
  writeKey: string
  /**
   * Base URL of the tracking API: Segment (default `https://api.segment.io`), a first-party proxy (a path prefix is
   * kept) or the local collector (`http://127.0.0.1:8787`). Batches are posted to `<host>/v1/batch`.
   */
  host?: string
  /** Events per batch: a batch leaves when it holds this many (default 15). */
  flushAt?: number
  /** Longest time an event waits in a batch, in ms (default 10000). */
  flushIntervalMs?: number
  /** What sends the HTTP requests (default: fetch). Unit tests pass a fake; a proxy-aware client fits here too. */
  httpClient?: HTTPClient
}

/** What became of one call: sent (queued for delivery) or not, and every problem with its input. */
export interface Outcome {
  sent: boolean
  violations: string[]
}

/** Events with an Identify need the user's id; the browser's anonymous id joins them to the browser session. */
export interface User {
  userId: string
  /** From the request's `ajs_anonymous_id` cookie: `anonymousIdFromCookie(req.headers.cookie)`. */
  anonymousId?: string | undefined
  /**
   * The visitor's consent, from the tag's cookie: `consentFromCookie(req.headers.cookie, { gpc })`. Sent as Segment's
   * consent object (`context.consent.categoryPreferences`); absent, the events carry none.
   */
  consent?: Record<string, boolean> | undefined
}
/** Commerce events: the signed-in user's id, the browser's anonymous id, or (best) both. */
export type Visitor = User | { userId?: string | undefined; anonymousId: string; consent?: Record<string, boolean> | undefined }

export type Licence = NonNullable<TraitsOf<'User Viewed Licenses'>['licenses']>[number]
/**
 * The account as the server holds it, before or after an update. The traits are compared and the changed ones
 * sent. `password` and `credit_card` (a hash, a token, a changed-at date: anything comparable) are only compared,
 * to derive `sections`; they are never sent. Other fields are ignored.
 */
export type Profile = TraitsOf<'User Updated Profile'> & { password?: unknown; credit_card?: unknown; [other: string]: unknown }

export interface ServerAnalytics {
  userSignedUp(call: User & { traits: TraitsOf<'User Signed Up'> }): Outcome
  userSignedIn(call: User & { traits: TraitsOf<'User Signed In'> }): Outcome
  /** Identify with only the traits that changed, then Track with `sections` (details, password, credit_card). */
  userUpdatedProfile(call: User & { before: Profile; after: Profile }): Outcome
  /** Identify with the licences shown, then Track with their count. */
  userViewedLicenses(call: User & { licenses: Licence[] }): Outcome
  productAdded(call: Visitor & { properties: PropertiesOf<'Product Added'> }): Outcome
  productRemoved(call: Visitor & { properties: PropertiesOf<'Product Removed'> }): Outcome
  checkoutStarted(call: Visitor & { properties: PropertiesOf<'Checkout Started'> }): Outcome
  orderCompleted(call: Visitor & { properties: PropertiesOf<'Order Completed'> }): Outcome
  /** Sends what is queued (retrying as usual, for at most 75 s with the default interval); later calls are not sent. */
  close(): Promise<void>
}

const PREFIX = '[academy-analytics]'
const PROFILE = 'User Updated Profile'
const DETAILS = Object.keys(plan[PROFILE].traits)

type Input = Record<string, unknown>
const isObject = (v: unknown): v is Input => typeof v === 'object' && v !== null && !Array.isArray(v)
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err))

export function createServerAnalytics(options: ServerAnalyticsOptions): ServerAnalytics {
  const { writeKey, host = 'https://api.segment.io', flushAt = 15, flushIntervalMs = 10_000 } = options ?? {}
  const fail = (problem: string): never => {
    throw new Error(`createServerAnalytics: ${problem}`)
  }
  if (typeof writeKey !== 'string' || !writeKey.trim()) fail('a writeKey is required (the write key of the Segment source)')
  let api: URL | undefined
  try {
    api = new URL(host)
  } catch {}
  if (!api || (api.protocol !== 'https:' && api.protocol !== 'http:')) fail(`host ${JSON.stringify(host)} is not an http(s) URL`)
  if (!Number.isInteger(flushAt) || flushAt < 1) fail(`flushAt ${JSON.stringify(flushAt)} is not a whole number of events above 0`)
  if (typeof flushIntervalMs !== 'number' || !(flushIntervalMs > 0) || !Number.isFinite(flushIntervalMs)) {
    fail(`flushIntervalMs ${JSON.stringify(flushIntervalMs)} is not a number of milliseconds above 0`)
  }

  const delivery = orderedDelivery(options.httpClient ?? new FetchHTTPClient())
  const analytics = new Analytics({
    writeKey,
    host: api!.origin,
    path: api!.pathname.replace(/\/+$/, '') + '/v1/batch',
    flushAt,
    flushInterval: flushIntervalMs,
    maxRetries: 0, // the ordered delivery retries, so that batches never overtake each other
    httpClient: delivery,
  })
  analytics.on('error', (err) => {
    const event = (err as { ctx?: { event?: { type?: string; event?: string } } }).ctx?.event
    const what = event ? `${event.type}${event.event ? ` "${event.event}"` : ''}` : 'an event'
    console.error(PREFIX, `${what} was not delivered: ${message(err.reason)}`)
  })

  let closing: Promise<void> | undefined
  // Strictly increasing: an Identify sorts before its Track, and events sort as they were made, even within a ms.
  let last = 0
  const timestamp = () => new Date((last = Math.max(Date.now(), last + 1)))

  /** Validates, then removes secrets; if that removed a required value, the validation fails. */
  function checked(validate: (input: Input) => Validation, label: string, input: unknown): Validation {
    const first = validate(input as Input)
    const violations = [...first.violations]
    const found = violations.length
    const properties = withoutSecrets(first.properties, label, violations)
    if (violations.length === found) return { ...first, properties }
    const again = validate(properties)
    return { ok: first.ok && again.ok, properties: again.properties, violations: [...violations, ...again.violations] }
  }
  const traitsOf = (name: ServerEventName, input: unknown) => checked((i) => validateTraits(name, i), `${name} traits`, input)
  const propertiesOf = (name: ServerEventName, input: unknown) => checked((i) => validateEvent(name, i, 'server'), name, input)

  /** The ids of a call; undefined (with a violation) when it has not the ids its event needs. */
  function identity(name: string, call: Input, violations: string[], needsUser: boolean): Visitor | undefined {
    const id = (key: 'userId' | 'anonymousId'): string | undefined => {
      const value = call[key]
      if (value === undefined || value === null) return undefined
      if (typeof value === 'string' && value.trim()) return value.trim()
      violations.push(`${name}: ${key} ${typeof value === 'string' ? JSON.stringify(value) : `[${typeof value}]`} is not an id; ignored`)
      return undefined
    }
    const userId = id('userId')
    const anonymousId = id('anonymousId')
    if (userId) return { userId, anonymousId }
    if (anonymousId && !needsUser) return { anonymousId }
    violations.push(`${name}: ${needsUser ? 'a userId is' : 'a userId or an anonymousId is'} required; not sent`)
    return undefined
  }

  /** Sends Identify (for events with traits) then Track, if the ids and the plan allow; logs every violation. */
  function send(name: ServerEventName, call: Input, traits: Validation | undefined, properties: Validation): Outcome {
    const violations: string[] = []
    const who = identity(name, call, violations, traits !== undefined)
    violations.push(...(traits?.violations ?? []), ...properties.violations)
    if (closing) violations.push(`${name}: close() was called; not sent`)
    const sent = who !== undefined && !closing && (traits?.ok ?? true) && properties.ok
    if (sent) {
      const context = consentContext(call.consent)
      if (traits) analytics.identify({ ...who, traits: traits.properties, timestamp: timestamp(), ...context })
      analytics.track({ ...who, event: name, properties: properties.properties, timestamp: timestamp(), ...context })
    }
    return { sent, violations: reported(violations) }
  }

  /** Logs each violation; a value the plan refused is quoted in its violation, but never a card number. */
  function reported(violations: string[]): string[] {
    const safe = violations.map(withoutCardNumbers)
    for (const violation of safe) console.warn(PREFIX, violation)
    return safe
  }

  /** A call's input is read inside this guard: a hostile or broken argument is a violation, never a throw. */
  function guarded(name: ServerEventName, call: unknown, run: (call: Input) => Outcome): Outcome {
    try {
      return run(isObject(call) ? call : {})
    } catch (err) {
      return { sent: false, violations: reported([`${name}: the call could not be read (${message(err)}); not sent`]) }
    }
  }

  const identified = (name: ServerEventName) => (call: unknown) =>
    guarded(name, call, (c) => send(name, c, traitsOf(name, c.traits), propertiesOf(name, {})))
  const tracked = (name: ServerEventName) => (call: unknown) =>
    guarded(name, call, (c) => send(name, c, undefined, propertiesOf(name, c.properties)))

  return {
    userSignedUp: identified('User Signed Up'),
    userSignedIn: identified('User Signed In'),
    userUpdatedProfile: (call) =>
      guarded(PROFILE, call, (c) => {
        const change = profileChanges(isObject(c.before) ? c.before : {}, isObject(c.after) ? c.after : {})
        const traits = traitsOf(PROFILE, change.traits)
        traits.violations.unshift(...change.violations)
        if (change.sections.length === 0) {
          // Not the caller's mistake: only the problems with the new values are logged.
          return { sent: false, violations: [...reported(traits.violations), `${PROFILE}: nothing changed; not sent`] }
        }
        return send(PROFILE, c, traits, propertiesOf(PROFILE, { sections: change.sections }))
      }),
    userViewedLicenses: (call) =>
      guarded('User Viewed Licenses', call, (c) => {
        const traits = traitsOf('User Viewed Licenses', { licenses: c.licenses })
        const shown = traits.properties.licenses
        return send('User Viewed Licenses', c, traits, propertiesOf('User Viewed Licenses', { license_count: Array.isArray(shown) ? shown.length : 0 }))
      }),
    productAdded: tracked('Product Added'),
    productRemoved: tracked('Product Removed'),
    checkoutStarted: tracked('Checkout Started'),
    orderCompleted: tracked('Order Completed'),
    close() {
      closing ??= analytics.closeAndFlush().finally(() => delivery.stop())
      return closing
    },
  }
}

/** Segment's consent object for the caller's `consent` (booleans only), or nothing. */
function consentContext(consent: unknown): { context?: { consent: { categoryPreferences: Record<string, boolean> } } } {
  if (!isObject(consent)) return {}
  const categoryPreferences = Object.fromEntries(Object.entries(consent).filter(([, granted]) => typeof granted === 'boolean')) as Record<string, boolean>
  return { context: { consent: { categoryPreferences } } }
}

type Section = 'details' | 'password' | 'credit_card'

/** Phone numbers are sent as digits only: every other character is removed. */
const digits = (value: unknown): unknown => (typeof value === 'string' || typeof value === 'number' ? String(value).replace(/\D/g, '') : value)

/**
 * What changed between two states of an account: the traits whose valid new value differs (phone as digits), the
 * sections of the account page that changed, and what is wrong with the new values. A trait emptied (or made
 * invalid) is a change of details that sends no value.
 */
export function profileChanges(before: Input, after: Input): { traits: Input; sections: Section[]; violations: string[] } {
  const details = (state: Input) => {
    const picked: Input = {}
    for (const key of DETAILS) if (state[key] !== undefined) picked[key] = key === 'phone' ? digits(state[key]) : state[key]
    return validateTraits(PROFILE, picked)
  }
  const old = details(before).properties
  const now = details(after)
  const traits: Input = {}
  const sections: Section[] = []
  for (const key of DETAILS) {
    if (now.properties[key] === old[key]) continue
    if (now.properties[key] !== undefined) traits[key] = now.properties[key]
    if (!sections.includes('details')) sections.push('details')
  }
  if (!isDeepStrictEqual(before.password, after.password)) sections.push('password')
  if (!isDeepStrictEqual(before.credit_card, after.credit_card)) sections.push('credit_card')
  return { traits, sections, violations: now.violations }
}
