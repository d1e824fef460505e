/**
 * The lazily loaded half of the tag: validates captured commands against the plan, scrubs secrets and delivers
 * through analytics-next. Loaded by `sdk.ts` from beside the loader script.
 */
import { AnalyticsBrowser, type Context, type Plugin } from '@segment/analytics-next'
import { withProductValue } from '../plan/commerce'
import { scrubEmails, scrubUrl, secretParams } from '../plan/privacy'
import { validateEvent } from '../plan/validate'
import type { Command, Core, StartCore } from './commands'
import type { Config } from './config'

const PREFIX = '[academy-analytics]'
// Delivery failures are the SDK's to retry; nothing rejects into the page.
const ignore = () => undefined

/** How a markup mistake's element is named in the console: its tag, id and analytics attributes. */
export function describe(element: Element): string {
  const attributes = Array.from(element.attributes)
    .filter(({ name }) => name === 'id' || name.startsWith('data-analytics'))
    .map(({ name, value }) => (value ? `${name}="${value.length > 60 ? value.slice(0, 60) + '…' : value}"` : name))
  return `<${[element.tagName.toLowerCase(), ...attributes].join(' ')}>`
}

function scrubPage(page: Record<string, unknown> | undefined, secret: ReadonlySet<string>): void {
  if (!page) return
  for (const key of ['url', 'path', 'search', 'referrer'] as const) {
    if (typeof page[key] === 'string') page[key] = scrubUrl(page[key], secret)
  }
  if (typeof page.title === 'string') page.title = scrubEmails(page.title)
}

function deliveryOptions(config: Config) {
  const api = new URL(config.apiHost)
  return {
    apiKey: config.writeKey,
    apiHost: api.host + api.pathname.replace(/\/+$/, ''),
    protocol: api.protocol.slice(0, -1) as 'http' | 'https',
    // Each event leaves at once in a keepalive request, which outlives a navigation; failures retry from the
    // SDK's queue, persisted in localStorage on pagehide and replayed on the next page.
    deliveryStrategy: { strategy: 'standard' as const, config: { keepalive: true } },
  }
}

export const start: StartCore = async (config) => {
  const secret = secretParams(config.scrubParams)
  let debug = config.debug
  const reported = new Set<string>()

  // Each violation is also dispatched on document (`academy-analytics:violation`), for the debug overlay and QA.
  function report(message: string, source?: Element): void {
    const text = source ? `${message} (on ${describe(source)})` : message
    document.dispatchEvent(new CustomEvent('academy-analytics:violation', { detail: { message, source } }))
    if (reported.has(text) && !debug) return
    reported.add(text)
    console.warn(PREFIX, text, ...(source ? [source] : []))
  }

  // Runs after the SDK's own page enrichment, so the scrub sees the final URL, referrer and context.page.
  const finish = (ctx: Context): Context => {
    const event = ctx.event
    if (event.type === 'page') scrubPage(event.properties, secret)
    scrubPage(event.context?.page as Record<string, unknown> | undefined, secret)
    const detail = { type: event.type, event: event.type === 'page' ? 'Page View' : event.event, properties: event.properties }
    document.dispatchEvent(new CustomEvent('academy-analytics:event', { detail }))
    if (debug) console.info(PREFIX, detail.event, detail.properties)
    return ctx
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

  const delivery = deliveryOptions(config)
  const analytics = AnalyticsBrowser.load(
    {
      writeKey: config.writeKey,
      plugins: [academy],
      ...(config.remoteSettings
        ? { cdnURL: config.cdnUrl }
        : { cdnSettings: { integrations: { 'Segment.io': { apiKey: config.writeKey } }, metrics: { sampleRate: 0 } } }),
    },
    { integrations: { 'Segment.io': delivery } },
  )
  const [instance] = await analytics

  // Strictly increasing timestamps: events of one page sort in the order they happened, even within a millisecond.
  let last = 0
  const timestamp = (at: number) => new Date((last = Math.max(at, last + 1)))

  const handle = (command: Command, at: number): void => {
    switch (command.type) {
      case 'page':
        instance.page(null, null, {}, { timestamp: timestamp(at) }).catch(ignore)
        return
      case 'reset':
        instance.reset()
        return
      case 'warning':
        report(command.message, command.source)
        return
      case 'track': {
        if (command.event === 'Page View') {
          report('"Page View" is the page call: use academyAnalytics.page()', command.source)
          return
        }
        const result = withProductValue(command.event, validateEvent(command.event, command.properties, 'client'))
        for (const violation of result.violations) report(violation, command.source)
        if (result.ok) instance.track(command.event, result.properties, { timestamp: timestamp(at) }).catch(ignore)
      }
    }
  }

  return {
    handle,
    setDebug(on) {
      debug = on
    },
    analytics,
  } satisfies Core
}
