/**
 * Playwright fixtures: each worker runs its own collector and demo site on free ports (real HTTP, no request
 * interception), so tests assert on exactly the events that reached a Segment-compatible collector.
 */
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { startCollector, type Collector, type StoredEvent } from '../collector/collector'
import { startSite, type Site } from '../collector/demo-server'

export { expect }
export type { StoredEvent }

const root = join(import.meta.dirname, '..')
const testPages = join(import.meta.dirname, 'pages')

interface Servers {
  collector: Collector
  site: Site
}

interface Fixtures {
  collector: Collector
  /** Errors thrown into the page and unhandled rejections: every test ends with none, unless it empties this. */
  pageErrors: string[]
}

export const test = base.extend<Fixtures, { servers: Servers }>({
  servers: [
    async ({}, use) => {
      const collector = await startCollector({ port: 0 })
      const site = await startSite({
        port: 0,
        collectorUrl: collector.url,
        // Test-only pages (e2e/pages) are served under /e2e/, with the same collector URL rewrite as the demo pages.
        extraRoutes: [
          async (req, res, url) => {
            if (!url.pathname.startsWith('/e2e/')) return false
            const file = normalize(join(testPages, decodeURIComponent(url.pathname.slice(5))))
            if (!file.startsWith(testPages)) return false
            const body = await readFile(file, 'utf8').catch(() => undefined)
            if (body === undefined) return false
            res.writeHead(200, { 'Content-Type': extname(file) === '.js' ? 'text/javascript' : 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
            res.end(body.replaceAll('http://127.0.0.1:8787', collector.url))
            return true
          },
        ],
      })
      await use({ collector, site })
      await site.close()
      await collector.close()
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ servers }, use) => use(servers.site.url),
  collector: async ({ servers }, use) => {
    servers.collector.reset()
    await use(servers.collector)
  },
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text())
      })
      await use(errors)
      expect(errors, 'errors in the page').toEqual([])
    },
    { auto: true },
  ],
})

/** Events in the order they happened: by timestamp, which the tag keeps strictly increasing within a page. */
export function inOrder(events: StoredEvent[]): StoredEvent[] {
  return [...events].sort((a, b) => Date.parse(String(a.timestamp)) - Date.parse(String(b.timestamp)))
}

/** The events in order, without the fields that differ on every run. */
export function summary(events: StoredEvent[]): Array<{ type: string; event?: unknown; properties?: unknown }> {
  return inOrder(events).map((e) => ({ type: e.type, ...(e.type === 'track' ? { event: e.event } : {}), properties: e.properties }))
}

/** Waits until the collector holds `count` events (of a type, optionally) and returns them in arrival order. */
export async function waitForEvents(collector: Collector, count: number, filter: (e: StoredEvent) => boolean = () => true) {
  const events = await collector.waitFor((all) => all.filter(filter).length >= count)
  return events.filter(filter)
}

/** The tag's dispatched `academy-analytics:event` details, recorded from page start. */
export async function recordDispatched(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { dispatched: unknown[] }
    w.dispatched = []
    document.addEventListener('academy-analytics:event', (e) => w.dispatched.push((e as CustomEvent).detail))
  })
}
