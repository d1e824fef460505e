/**
 * academy-analytics: the tag. This loader is the only script a page includes; it reads its options, installs one
 * delegated listener per trigger kind at once and loads the SDK lazily. It never throws into the page.
 */
import { startChat } from './chat'
import { startClicks } from './clicks'
import type { Command } from './commands'
import { readConfig, type Config } from './config'
import { choose, sending, startConsent, waiting } from './consent'
import { onRestart, startLifecycle } from './lifecycle'
import { sendPageView } from './page-view'
import { startLoads } from './loads'
import { warn } from './log'
import { onAdded, onRemoved, rescan, startMarkup } from './markup'
import { startPositions } from './positions'
import { consentChanged, currentCore, loadChunk, loadCore, send } from './sdk'
import { startSubmits } from './submits'
import type { StartViews } from './views'
import { productDetailOf, productOf } from './attributes'
import { ada, core, views } from 'virtual:entries'

export interface AcademyAnalytics {
  track(event: string, properties?: Record<string, unknown>): void
  page(): void
  reset(): void
  /** Resolves true once the SDK is ready, false if it could not load (blocked or offline). */
  ready(): Promise<boolean>
  debug(on: boolean): void
  /** The visitor's consent choice, from any banner: `{ analytics: true, advertising: false }` (contract §7). */
  consent(categories: Record<string, boolean>): void
  /** The underlying AnalyticsBrowser, once ready() has resolved. */
  readonly analytics: unknown
}

declare global {
  interface Window {
    academyAnalytics?: AcademyAnalytics
  }
}

function start(): void {
  // A JSP include can put the tag on a page twice: the first one wins.
  if (window.academyAnalytics) return
  const config = readConfig(document.currentScript as HTMLScriptElement | null, location.href)
  if (!config) return
  const command = (c: Command) => () => send(c)
  // The SDK loads once events may leave (at once, without data-consent="required"); until then ready() waits for
  // the choice, and resolves false if analytics is declined.
  let ready: Promise<boolean> | undefined
  let settle!: (loaded: boolean | Promise<boolean>) => void
  const decided = new Promise<boolean>((resolve) => (settle = resolve))
  // The loader's own page view, answered: the SDK loads after it (undefined when the SDK sends the page view).
  let sent: Promise<unknown> | undefined
  const load = () => {
    if (ready) return
    settle((ready = loadCore(config, core, sent)))
    void startViews(config, ready, sent)
    // Not before: under data-consent="required", no chunk loads before the visitor grants analytics.
    startChat(config, ada)
  }
  startConsent(config, (wasSending) => {
    // A withdrawal before the SDK has loaded loads it all the same: the identity it kept must be cleared.
    if (sending() || wasSending) load()
    consentChanged(wasSending)
    if (!sending()) settle(false)
  })
  window.academyAnalytics = {
    // Properties are copied now: the caller may change its object before the SDK sends it.
    track: (event, properties) =>
      send({ type: 'track', event: String(event), properties: typeof properties === 'object' ? { ...properties } : {} }),
    page: command({ type: 'page' }),
    reset: command({ type: 'reset' }),
    ready: () => ready ?? decided,
    debug(on) {
      config.debug = on !== false
      currentCore()?.setDebug(config.debug)
    },
    consent: choose,
    get analytics() {
      return currentCore()?.analytics
    },
  }
  // Who the server says is signed in (contract §4) is applied first, then the page view: by the loader itself when
  // events may leave now, else by the SDK whatever its load time (under data-consent="required", once granted).
  const userId = config.script.getAttribute('data-user-id')
  if (sending()) sent = sendPageView(config, userId)
  if (!sent) {
    if (userId !== null) send({ type: 'identify', userId })
    send({ type: 'page' })
  }
  // Markup is scanned once its visitors are in place.
  startLifecycle()
  startClicks()
  startSubmits()
  startLoads()
  startPositions()
  startMarkup()
  if (sending()) load()
  else if (!waiting()) settle(false)
}

/**
 * Impressions load once the first event has been answered (or after 2 s): nothing competes with it. When the loader
 * sent the page view (`sent`), that was answered before the SDK loaded: then they wait for the SDK's first answer,
 * or 1 s. (Started as soon as the SDK was ready, a click leaving the page at that moment was seen to lose its event
 * on the old-library pages of e2e/libraries.spec.ts, one run in a few; why is not known yet.)
 */
async function startViews(config: Config, ready: Promise<boolean>, sent: Promise<unknown> | undefined): Promise<void> {
  try {
    if (!(await ready)) return
    await Promise.race([currentCore()!.answered, new Promise((resolve) => setTimeout(resolve, sent ? 1000 : 2000))])
    const module = await loadChunk<{ start: StartViews }>(config, views)
    module.start({ send, onAdded, onRemoved, rescan, onRestart, productOf, productDetailOf }, config)
  } catch (error) {
    warn('impressions could not load; view events on this page are not sent', error)
  }
}

try {
  start()
} catch (error) {
  warn('disabled on this page:', error)
}
