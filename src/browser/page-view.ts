/**
 * The page view at the physical limit: the loader sends the page's first page call itself (with the identify
 * contract §4 calls for, in the same request), one request after its own bytes, without waiting for the SDK. The
 * events are the ones analytics-next would have sent, field for field (its source: core/events, core/page,
 * plugins/env-enrichment, plugins/segmentio/normalize), with the identity it would have used (read as it reads it,
 * a new anonymous id stored as it stores one: `stored-identity.ts`), which the SDK adopts when it loads. The core never sends the page again; a
 * request that does not succeed hands the same events, same messageIds, to the SDK's retry queue.
 */
import type { SentEvent } from './commands'
import type { Config } from './config'
import { choice } from './consent'
import { consentObject } from './consent-object'
import { identityStep, isUserId } from './identity'
import { send } from './sdk'
import { readStash } from './stash'
import { pageContext } from './page-context'
import { scrubPage } from './scrub-page'
import { storeAnonymousId, storedAnonymousId, storedUserId } from './stored-identity'
import { decode, secretParams } from '../plan/privacy'
// The version of analytics-next the core holds, which its events name as their library (`npm:next-1.84.3`).
import { version } from '@segment/analytics-next/src/generated/version'

/** `context.campaign`, from the page's `utm_` parameters (analytics-next's `utm()`); `search` starts with `?`. */
function campaign(search: string): Record<string, string> {
  const found: Record<string, string> = {}
  for (const pair of search.slice(1).replace(/\?/g, '&').split('&')) {
    const [key = '', value = ''] = pair.split('=')
    const name = key.slice(4)
    if (key.includes('utm_') && name) found[name === 'campaign' ? 'name' : name] = decode(value)
  }
  return found
}

/**
 * What analytics-next adds to an event from an ad click id in the URL (`btid`, `urid`, or one it kept in a cookie)
 * or an AMP linker cookie: rare enough that such a page view is the SDK's to send, so the loader need not know how.
 */
const RARE = /[?&](btid|urid)=|(^|; )(s%3Acontext\.referrer|_ga=amp)/

/**
 * Sends the page view (after the identify the page calls for) in one keepalive `POST <api>/batch`; the caller
 * makes sure events may leave (contract §7). Returns a promise
 * settled once it has been answered, or undefined when the page view is the SDK's to send: with
 * `data-remote-settings` (device-mode destinations get the page call from the SDK), on a page not served over
 * https (no `crypto.randomUUID` for the version 4 UUIDs the SDK makes), when `data-user-id` is not a user id (the
 * SDK's warning says so), when an earlier page left
 * events to send first (their identity changes come before this page's) and on the rare pages above. (Where a
 * script of the page replaced `window.fetch` with a polyfill, XHR underneath, the request has no keepalive: a page
 * left before its answer keeps the events for the next page all the same.)
 */
export function sendPageView(config: Config, userIdAttribute: string | null): Promise<unknown> | undefined {
  const userId = userIdAttribute?.trim()
  if (config.delivery.remoteSettings || !crypto.randomUUID || (userIdAttribute && !isUserId(userId!)) || readStash(config.writeKey).length > 0 || RARE.test(location.search + document.cookie))
    return undefined
  const at = Date.now()
  const held = storedUserId()
  const step = identityStep(userId, held)
  // A reset: a new anonymous id, as the SDK makes one (a new visitor too).
  let anonymousId = !step.reset && storedAnonymousId()
  if (!anonymousId) storeAnonymousId((anonymousId = crypto.randomUUID()))
  const current = step.reset || step.identify ? userId! : held

  const page = pageContext()
  const context: Record<string, unknown> = {
    userAgent: navigator.userAgent,
    userAgentData: (navigator as { userAgentData?: { toJSON(): object } }).userAgentData?.toJSON(),
    locale: navigator.language,
    library: { name: 'analytics.js', version: 'npm:next-' + version },
  }
  if (page.search) context.campaign = campaign(page.search)
  // The consent object as it is now, when the page view is captured (contract §7).
  const categoryPreferences = consentObject(config.script)(choice)
  if (categoryPreferences) context.consent = { categoryPreferences }
  try {
    // The same IANA name as the SDK's Intl.DateTimeFormat().resolvedOptions().timeZone, but Intl's date formatting
    // costs 20 ms or more to set up on a page's first call: Temporal's is not set up by asking the zone.
    context.timezone = (globalThis as { Temporal?: { Now: { timeZoneId(): string } } }).Temporal?.Now.timeZoneId() ?? Intl.DateTimeFormat().resolvedOptions().timeZone
  } catch {
    // Left out, as the SDK leaves it out.
  }
  scrubPage(page as unknown as Record<string, unknown>, secretParams(config.delivery.scrubParams))

  const sentAt = new Date().toISOString()
  const event = (type: 'page' | 'identify', time: number, fields: object): SentEvent => ({
    timestamp: new Date(time).toISOString(),
    integrations: { 'Segment.io': true },
    type,
    ...fields,
    context: { ...context, page: { ...page } },
    messageId: `ajs-next-${Date.now()}-${crypto.randomUUID()}`,
    anonymousId,
    writeKey: config.writeKey,
    userId: current || null,
    sentAt,
    _metadata: { bundled: ['Segment.io'], unbundled: [], bundledIds: [] },
  })
  // The identify first, and 1 ms earlier: the two sort in order in the warehouse.
  const events = step.identify ? [event('identify', at, { traits: {} }), event('page', at + 1, { properties: { ...page } })] : [event('page', at, { properties: { ...page } })]
  send({ type: 'sent', events, reset: step.reset })

  let answered = false
  const resend = () => send({ type: 'resend', events })
  // The page is left before the answer: the events are kept like the loader's other commands (lifecycle.ts), for
  // the next page of the site to hand to the SDK (a duplicate, if this request did arrive, has the same messageId).
  addEventListener('pagehide', () => answered || resend())
  return fetch(config.delivery.apiHost + '/batch', {
    method: 'post',
    keepalive: true,
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify({ batch: events, writeKey: config.writeKey, sentAt }),
  })
    // Read, so the request leaves the page's keepalive budget (see lean/fetch.ts).
    .then((response) => response.arrayBuffer().then(() => response.ok || Promise.reject()))
    // Network down, a 5xx, a 429 (or a 4xx, which the SDK then drops by its own rules): the SDK's retry queue.
    .catch(resend)
    .finally(() => (answered = true))
}
