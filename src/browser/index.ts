/**
 * academy-analytics: the tag. This loader is the only script a page includes; it reads its options, installs one
 * delegated listener per trigger kind at once and loads the SDK lazily. It never throws into the page.
 */
import { startChat } from './chat'
import { startClicks } from './clicks'
import type { Command } from './commands'
import { readConfig } from './config'
import { startImpressions } from './impressions'
import { startLifecycle } from './lifecycle'
import { startLoads } from './loads'
import { startMarkup } from './markup'
import { startProducts } from './products'
import { startPromotions } from './promotions'
import { currentCore, loadCore, send } from './sdk'
import { startSubmits } from './submits'
import { ada, core } from 'virtual:entries'

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
  // The page view is queued first, whatever the SDK's load time; markup is scanned once its visitors are in place.
  startLifecycle()
  startClicks()
  startSubmits()
  startLoads()
  startImpressions(config.impressionThreshold)
  startProducts()
  startPromotions(config)
  startMarkup()
  startChat(config, ada)
}

try {
  start()
} catch (error) {
  console.warn('[academy-analytics] disabled on this page:', error)
}
