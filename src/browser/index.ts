/**
 * academy-analytics: the tag. This loader is the only script a page includes; it reads its options, sends the page
 * view, installs one delegated listener per action a visitor takes, and loads the SDK and the watchers of the
 * page's markup lazily. It never throws into the page.
 */
import { startClicks } from './clicks'
import { readConfig } from './config'
import { choose, sending, startConsent, waiting } from './consent'
import { onRestart, startLifecycle } from './lifecycle'
import { sendLoad, startLoads } from './loads'
import { sendPageView } from './page-view'
import { warn } from './log'
import { consentChanged, core, loadChunk, loadCore, send } from './sdk'
import { startSubmits } from './submits'
import type { StartWatchers } from './watchers'
import { forgetPositions, productOf } from './attributes'
import * as files from 'virtual:entries'

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

/** Settles when `promise` does, or after `ms` if that is sooner. */
const within = (promise: Promise<unknown> | undefined, ms: number) => Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))])

function start(): void {
  // A JSP include can put the tag on a page twice: the first one wins.
  if (window.academyAnalytics) return
  const config = readConfig(document.currentScript as HTMLScriptElement | null)
  if (!config) return
  // The SDK loads once events may leave (at once, without data-consent="required"); until then ready() waits for
  // the choice, and resolves false if analytics is declined.
  let ready: Promise<boolean> | undefined
  let settle!: (loaded: boolean | Promise<boolean>) => void
  const decided = new Promise<boolean>((resolve) => (settle = resolve))
  // The loader's own page view, answered: the SDK loads after it (undefined when the SDK sends the page view).
  let sent: Promise<unknown> | undefined
  let watching = false
  const load = () => {
    if (ready) return
    // The core and the watchers load once the page view is answered (at most 2 s; at once when the SDK sends it):
    // nothing competes with it.
    const after = within(sent, 2000)
    settle((ready = loadCore(config, files.core, after)))
    // Impressions wait for the SDK's first answer, or a while (watchers.ts).
    const answered = ready.then((loaded) => loaded && within(core!.answered, sent ? 1000 : 2000).then(() => true))
    // Under data-consent="required", no chunk loads before the visitor grants analytics.
    after
      .then(() => loadChunk<{ start: StartWatchers }>(config, files.watchers))
      .then((module) => {
        watching = true
        module.start({ send, onRestart, sendLoad, forgetPositions, productOf, answered }, config)
      })
      .catch((error: unknown) => warn('the markup watchers could not load; load and view events on this page are not sent', error))
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
    page: () => send({ type: 'page' }),
    reset: () => send({ type: 'reset' }),
    ready: () => ready ?? decided,
    debug(on) {
      core?.setDebug((config.debug = on !== false))
    },
    consent: choose,
    get analytics() {
      return core?.analytics
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
  // Before the lifecycle's: a page left before the watchers have run sends its load triggers before it is stashed.
  startLoads(() => watching)
  startLifecycle(config.writeKey)
  startClicks()
  startSubmits()
  if (sending()) load()
  else if (!waiting()) settle(false)
}

try {
  start()
} catch (error) {
  warn('disabled on this page:', error)
}
