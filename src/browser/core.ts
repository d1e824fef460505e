/**
 * The lazily loaded half of the tag: validates captured commands against the plan, scrubs secrets and delivers
 * through analytics-next. Loaded by `sdk.ts` from beside the loader script.
 */
import { AnalyticsBrowser, type Context, type InitOptions, type Plugin } from '@segment/analytics-next'
import { withProductValue } from '../plan/commerce'
import { secretParams } from '../plan/privacy'
import { clientEvents } from '../plan/client-events'
import { validateEventOf } from '../plan/fields'
import type { Command, Core, Dispatched, PageContext, Queued, StartCore } from './commands'
import { readCdnUrl, readDebug, warnInvalidOptions } from './config'
import { consentObject } from './consent-object'
import { deliveryOptions, takeOverDelivery, type Delivery, withinLimit } from './delivery'
import { applyIdentity, userIdOf } from './identity'
import { describe } from './log'
import { scrubEvent, scrubProperties } from './scrub'
import { takeStash } from './stash'

const PREFIX = '[academy-analytics]'
// Delivery failures are the SDK's to retry; nothing rejects into the page.
const ignore = () => undefined

/**
 * Whether localStorage can be written. When it cannot (disabled, full), analytics-next's persisted queues would
 * throw while loading and on pagehide: its queues then stay in memory and the identity lives in cookies only.
 */
function localStorageWorks(): boolean {
  try {
    localStorage.setItem('academy-analytics:probe', '1')
    localStorage.removeItem('academy-analytics:probe')
    return true
  } catch {
    return false
  }
}

const WITHOUT_LOCAL_STORAGE: InitOptions = {
  disableClientPersistence: true,
  user: { persist: true },
  group: { persist: true },
  storage: { stores: ['cookie', 'memory'] },
}

/** Waits for a task of its own: the SDK's cold start is spread over several short tasks, never one long one. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0))

export const start: StartCore = async (config, consent, queue) => {
  await nextTask()
  const options = config.delivery
  // Only device mode needs routing by consent, and device mode needs remote settings.
  const routing = options.remoteSettings ? (await import('./consent-routing')).consentRouting(() => preferences(consent())) : undefined
  const secret = secretParams(options.scrubParams)
  let debug = false
  const reported = new Set<string>()

  // Debug mode shows the overlay, a chunk of its own that is loaded only then. It is handed what was dispatched
  // since debug mode was turned on, so nothing sent while it loads is missing from it.
  const history: Dispatched[] = []
  let overlay: Promise<typeof import('./overlay')> | undefined
  function setDebug(on: boolean): void {
    debug = on
    if (on) overlay ??= import('./overlay')
    overlay?.then((module) => module.setOverlay(on, history)).catch((error: unknown) => console.warn(PREFIX, 'the debug overlay could not load', error))
  }
  function dispatch(type: string, detail: unknown): void {
    if (debug && history.push([type, detail]) > 500) history.shift()
    document.dispatchEvent(new CustomEvent(type, { detail }))
  }
  setDebug(config.debug ?? readDebug(config.script))
  warnInvalidOptions(config.script)

  // Each violation is also dispatched on document (`academy-analytics:violation`), for the debug overlay and QA.
  function report(message: string, source?: Element): void {
    const text = source ? `${message} (on ${describe(source)})` : message
    dispatch('academy-analytics:violation', { message, source })
    if (reported.has(text) && !debug) return
    reported.add(text)
    console.warn(PREFIX, text, ...(source ? [source] : []))
  }

  const preferences = consentObject(config.script)

  let delivery: Delivery | undefined
  // Runs after the SDK's own page enrichment, so the scrub sees the final URL, referrer and context.page.
  const finish = (ctx: Context): Context => {
    const event = ctx.event
    for (const removed of scrubEvent(event, secret)) report(`${event.event ?? event.type}: ${removed}`)
    shown(event)
    delivery?.enriched(ctx)
    return ctx
  }
  // Every event sent, by the SDK or by the loader, is dispatched on document once final (contract §6).
  function shown(event: { type: string; event?: unknown; properties?: unknown }): void {
    const detail = { type: event.type, event: event.type === 'page' ? 'Page View' : event.event, properties: event.properties }
    dispatch('academy-analytics:event', detail)
    if (debug) console.info(PREFIX, detail.event, detail.properties)
  }
  const academy: Plugin = {
    name: 'Academy Analytics',
    type: 'enrichment',
    version: '1.0.0',
    isLoaded: () => true,
    load: () => Promise.resolve(),
    page: finish,
    track: finish,
    identify: finish,
  }

  const request = { keepalive: true }
  const analytics = AnalyticsBrowser.load(
    {
      writeKey: config.writeKey,
      plugins: [academy],
      ...(options.remoteSettings
        ? { cdnURL: readCdnUrl(config.script) }
        : { cdnSettings: { integrations: { 'Segment.io': { apiKey: config.writeKey } }, metrics: { sampleRate: 0 } } }),
    },
    {
      integrations: { 'Segment.io': deliveryOptions(config.writeKey, options.apiHost, request) },
      ...(localStorageWorks() ? {} : WITHOUT_LOCAL_STORAGE),
      ...(routing && { updateCDNSettings: routing.loaded }),
    },
  )
  const [instance] = await analytics
  routing?.route(instance)
  delivery = takeOverDelivery(instance, request)
  // The first reads and writes of the identity (cookies, localStorage) are the slowest part of the first event.
  await nextTask()
  instance.user().anonymousId()
  await nextTask()

  // Strictly increasing timestamps: events of one page sort in the order they happened, even within a millisecond.
  let last = 0
  const timestamp = (at: number) => new Date((last = Math.max(at, last + 1)))

  const handle = (command: Command, at: number, page?: PageContext, choice?: unknown): void => {
    // An event carried over from an earlier page keeps that page's context; every event, the consent it was
    // captured under (analytics-next puts an option it does not know into the context).
    const categoryPreferences = preferences(choice)
    const options = () => ({ timestamp: timestamp(at), ...(page && { context: { page } }), ...(categoryPreferences && { consent: { categoryPreferences } }) })
    switch (command.type) {
      case 'page':
        instance.page(null, null, { ...page }, options()).catch(ignore)
        return
      case 'reset':
        instance.reset()
        return
      case 'identify': {
        const userId = userIdOf(command.userId, (message) => report(message, config.script))
        if (userId !== undefined) applyIdentity(instance, userId, options())
        return
      }
      case 'warning':
        // One about an earlier page's markup (kept with its events) would name no element of this one: not said.
        if (!page) report(command.message, command.source)
        return
      case 'sent': {
        // The loader's page view: its identity is the SDK's from now on, stored by the SDK as it stores its own (a
        // reset first when contract §4 called for one: traits and group go too), and later events sort after it.
        // From an earlier page (`page`) it was dispatched there.
        const { anonymousId, userId } = command.events[command.events.length - 1]!
        const user = instance.user()
        if (command.reset) instance.reset()
        if ((user.id() ?? null) !== userId) {
          user.id(userId)
          user.traits(null)
        }
        user.anonymousId(anonymousId)
        for (const event of command.events) {
          last = Math.max(last, Date.parse(event.timestamp))
          if (!page) shown(event)
        }
        return
      }
      case 'resend':
        for (const event of command.events) delivery!.resend(event)
        return
      case 'track': {
        if (command.event === 'Page View') {
          report('"Page View" is the page call: use academyAnalytics.page()', command.source)
          return
        }
        // Secrets go before the plan judges the event: one the plan requires leaves it incomplete, so it is not sent.
        for (const removed of scrubProperties(command.properties, secret)) report(`${command.event}: ${removed}`, command.source)
        const result = withProductValue(command.event, validateEventOf(clientEvents, 'client', command.event, command.properties))
        for (const violation of result.violations) report(violation, command.source)
        if (!result.ok) return
        const parts = withinLimit(result.properties)
        if (parts.length === 0) report(`${command.event}: the event is over Segment's 32 KB limit; not sent`, command.source)
        for (const properties of parts) instance.track(command.event, properties, options()).catch(ignore)
      }
    }
  }

  /** A burst of commands (a catalog's impressions) is handled in slices of this many ms, never as one long task. */
  const SLICE_MS = 10
  const take = (queued: Queued[], all?: boolean): boolean => {
    const until = performance.now() + SLICE_MS
    for (let next = queued.shift(); next; next = queued.shift()) {
      try {
        handle(...next)
      } catch (error) {
        console.warn(PREFIX, 'could not send', next[0], error)
      }
      if (!all && queued.length && performance.now() > until) return true
    }
    return false
  }
  // Whatever loads the core, analytics is allowed or was withdrawn (which drops what earlier pages left).
  takeStash(config.writeKey, queue, consent()?.analytics === false)
  take(queue.splice(0, queue.findIndex(([command, , page]) => command.type === 'sent' && !page) + 1), true)

  return {
    handle,
    take,
    answered: delivery.answered,
    leaving: (on) => delivery?.leaving(on),
    setDebug,
    analytics,
  } satisfies Core
}
