/**
 * academy-analytics: the tag. This loader is the only script a page includes; it reads its options, installs one
 * delegated listener per trigger kind at once and loads the SDK lazily. It never throws into the page.
 */
import { startChat } from './chat'
import { startClicks } from './clicks'
import type { Command } from './commands'
import { readConfig, type Config } from './config'
import { onRestart, startLifecycle } from './lifecycle'
import { startLoads } from './loads'
import { warn } from './log'
import { onAdded, onRemoved, rescan, startMarkup } from './markup'
import { startPositions } from './positions'
import { currentCore, loadChunk, loadCore, send } from './sdk'
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
  const ready = loadCore(config, core)
  window.academyAnalytics = {
    // Properties are copied now: the caller may change its object before the SDK sends it.
    track: (event, properties) =>
      send({ type: 'track', event: String(event), properties: typeof properties === 'object' ? { ...properties } : {} }),
    page: command({ type: 'page' }),
    reset: command({ type: 'reset' }),
    ready: () => ready,
    debug(on) {
      config.debug = on !== false
      currentCore()?.setDebug(config.debug)
    },
    get analytics() {
      return currentCore()?.analytics
    },
  }
  // Who the server says is signed in (contract §4) is applied first, then the page view, whatever the SDK's load
  // time; markup is scanned once its visitors are in place.
  const userId = config.script.getAttribute('data-user-id')
  if (userId !== null) send({ type: 'identify', userId })
  startLifecycle()
  startClicks()
  startSubmits()
  startLoads()
  startPositions()
  startMarkup()
  startChat(config, ada)
  void startViews(config, ready)
}

/** Impressions load once the first event has been answered (or after 2 s): nothing competes with it. */
async function startViews(config: Config, ready: Promise<boolean>): Promise<void> {
  try {
    if (!(await ready)) return
    await Promise.race([currentCore()!.answered, new Promise((resolve) => setTimeout(resolve, 2000))])
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
