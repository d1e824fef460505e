/**
 * Playwright fixtures: each worker runs its own collector and demo site on free ports (real HTTP, no request
 * interception), so tests assert on exactly the events that reached a Segment-compatible collector.
 */
import { join, relative } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { page as benchPage } from '../bench/pages'
import { academyFlows } from '../collector/academy-flows'
import { startSite, type Site } from '../collector/demo-server'
import { inlineCode } from '../collector/inline-code'
import { startAnalyticsCollector, type AnalyticsCollector as Collector, type StoredEvent } from '../src/testing'

export { expect }
export type { StoredEvent }

const root = join(import.meta.dirname, '..')

interface Servers {
  collector: Collector
  site: Site
}

interface Fixtures {
  collector: Collector
  /** Every page served with `?csp=strict` is checked for inline code of its own when the test ends. */
  strictPages: void
  /** Errors thrown into the page and unhandled rejections: every test ends with none, unless it empties this. */
  pageErrors: string[]
  /**
   * The consent choice the browser holds when the test starts (the tag's `academy_consent` cookie), or null for a
   * visitor who has not chosen. The demo pages ask first (data-consent="required"): by default the visitor accepted.
   */
  consented: Record<string, boolean> | null
}

export const test = base.extend<Fixtures, { servers: Servers }>({
  servers: [
    async ({}, use) => {
      const collector = await startAnalyticsCollector({ port: 0, log: !!process.env.COLLECTOR_LOG })
      const flows = academyFlows({ collectorUrl: collector.url })
      const site = await startSite({
        port: 0,
        collectorUrl: collector.url,
        // Every page renders the session's user id in the tag's data-user-id, as the Academy's JSPs do.
        userIdOf: flows.userIdOf,
        // Test-only pages (e2e/pages) are served under /e2e/, like the demo pages.
        mounts: { '/e2e/': 'e2e/pages' },
        extraRoutes: [
          ...flows.routes,
          // The benchmark's catalog (5,000 products, 500 promotions), with the tag, for the jank test.
          (req, res, url) => {
            if (url.pathname !== '/e2e/catalog-5000.html') return false
            res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
            res.end(benchPage('catalog', 'academy', `http://${req.headers.host}`, collector.apiHost))
            return true
          },
        ],
      })
      await use({ collector, site })
      await site.close()
      await flows.close()
      await collector.close()
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ servers }, use) => use(servers.site.url),
  consented: [{ analytics: true, advertising: true }, { option: true }],
  context: async ({ context, consented, baseURL }, use) => {
    if (consented) await context.addCookies([{ name: 'academy_consent', value: encodeURIComponent(JSON.stringify(consented)), url: baseURL! }])
    await use(context)
  },
  /** Every event a test's collector received must follow the plan (the collector's verdicts), unless the test resets it. */
  collector: async ({ servers }, use) => {
    servers.collector.reset()
    // A test's faults (a slow or failing collector) end with it: the worker's next test gets a collector that answers.
    servers.collector.setFaults(null)
    await use(servers.collector)
    servers.collector.expectNoViolations()
  },
  strictPages: [
    async ({ page, servers }, use) => {
      const served = new Set<string>()
      page.on('request', (request) => {
        if (request.resourceType() === 'document' && new URL(request.url()).searchParams.get('csp') === 'strict') served.add(request.url())
      })
      await use()
      for (const url of served) await expectNoInlineCode(servers.site, url)
    },
    { auto: true },
  ],
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

/**
 * Fails, naming the file, when a page served under the strict policy holds inline code: the browser would report
 * the page's own markup as violations, and the test would blame the tag for them.
 */
export async function expectNoInlineCode(site: Site, url: string): Promise<void> {
  const { pathname } = new URL(url)
  const file = await site.pageFile(decodeURIComponent(pathname))
  const where = file ? relative(root, file) : pathname
  const found = inlineCode(await (await fetch(url)).text())
  expect(found, `${where} is served with ?csp=strict: move its inline code to a .js file`).toEqual([])
}

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

/** Records the page's Content Security Policy violations from its start; the returned function reads them. */
export async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] }
    w.violations = []
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.violatedDirective} ${e.blockedURI}`))
  })
  return () => page.evaluate(() => (window as unknown as { violations: string[] }).violations)
}

/** The origins the page requests anything from, as they come. */
export function recordOrigins(page: Page): string[] {
  const origins: string[] = []
  page.on('request', (r) => origins.push(new URL(r.url()).origin))
  return origins
}
