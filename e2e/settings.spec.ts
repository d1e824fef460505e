import type { Page, Response } from '@playwright/test'
import { measure } from '../scripts/sizes'
import { expect, summary, test, waitForEvents } from './fixtures'

/** Every request the page makes, as `METHOD url (resource type)`; `at` holds when each was made (ms since the epoch). */
function recordRequests(page: Page, at: number[] = []): string[] {
  const requests: string[] = []
  page.on('request', (r) => {
    requests.push(`${r.method()} ${r.url()} (${r.resourceType()})`)
    at.push(Date.now())
  })
  return requests
}

/** The scripts requested, as URLs, but those in `pageOwn`. */
const scripts = (requests: string[], pageOwn = new Set<string>()) =>
  requests.filter((r) => r.endsWith('(script)')).map((r) => r.split(' ')[1]!).filter((url) => !pageOwn.has(url))

/** The scripts a test page's own markup loads, the tag aside: not the tag's to answer for. */
async function pageOwnScripts(response: Response): Promise<Set<string>> {
  const sources = [...(await response.text()).matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => new URL(m[1]!, response.url()).href)
  return new Set(sources.filter((url) => !new URL(url).pathname.startsWith('/static/analytics/')))
}

test.describe('settings (data-remote-settings)', () => {
  test('off: no settings request; before the first event, no script but the loader (what the size budget counts); after it, the core, the watchers and the impressions chunk', async ({ page, collector, baseURL }) => {
    const at: number[] = []
    const requests = recordRequests(page, at)
    const pageOwn = await pageOwnScripts((await page.goto('/e2e/generic.html'))!)
    await waitForEvents(collector, 2) // page view, load trigger
    await page.click('#planned')
    const events = await waitForEvents(collector, 3)
    expect(summary(events).map((e) => e.event ?? e.type)).toEqual(['page', 'Forgot Password Email Sent', 'Forgot Password Button Clicked'])
    expect(requests.filter((r) => r.includes('/settings'))).toEqual([])
    // Before the page view was stored: exactly what `npm run build` measures against the budget as "loaded before
    // the first event", the loader. After it: the core and the watchers (with what they import statically), the
    // impressions chunk. (The core and the watchers load side by side: their order is the network's.)
    const stored = Date.parse(events[0]!.receivedAt)
    const before = requests.filter((_, i) => at[i]! <= stored)
    const sizes = measure()
    const served = ({ file }: { file: string }) => `${baseURL}/static/analytics/${file}`
    expect(scripts(before, pageOwn)).toEqual(sizes.files.map(served))
    const views = /\/static\/analytics\/academy-analytics-views-[\w-]+\.js$/
    const after = () => scripts(requests.slice(before.length), pageOwn)
    await expect.poll(() => after().filter((url) => views.test(url))).toHaveLength(1)
    expect(after().filter((url) => !views.test(url)).sort()).toEqual([...sizes.core, ...sizes.watchers].map(served).sort())
    // The collector sees the events and nothing else: no usage metrics, no settings.
    expect(requests.filter((r) => r.startsWith(`GET ${collector.url}`) || r.includes('/v1/m '))).toEqual([])
  })

  test('on: the settings come from the CDN URL, and events are still delivered', async ({ page, collector, baseURL }) => {
    const requests = recordRequests(page)
    await page.goto('/e2e/remote-settings.html')
    await waitForEvents(collector, 1)
    await page.click('#planned')
    const events = await waitForEvents(collector, 2)
    expect(summary(events)).toEqual([
      { type: 'page', properties: expect.objectContaining({ path: '/e2e/remote-settings.html' }) },
      { type: 'track', event: 'Forgot Password Button Clicked', properties: {} },
    ])
    expect(requests.filter((r) => r.includes('/settings'))).toEqual([`GET ${collector.url}/v1/projects/demo-write-key/settings (fetch)`])
    // The collector's settings name no device-mode destination: no script beyond the tag's own.
    for (const url of scripts(requests)) expect(url).toMatch(new RegExp(`^${baseURL}/static/analytics/`))
  })

  test('on: an action destination named by the settings is loaded and gets every event, as the collector does', async ({ page, collector, baseURL }) => {
    const requests = recordRequests(page)
    await page.goto('/e2e/device-mode.html')
    await waitForEvents(collector, 1)
    await page.click('#planned')
    const events = await waitForEvents(collector, 2)
    expect(summary(events).map((e) => e.event ?? e.type)).toEqual(['page', 'Forgot Password Button Clicked'])
    expect(requests).toContain(`GET ${baseURL}/e2e/cdn/v1/projects/demo-write-key/settings (fetch)`)
    expect(scripts(requests)).toContain(`${baseURL}/e2e/cdn/test-destination.js`)
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { deviceMode?: unknown[] }).deviceMode))
      .toEqual([
        { type: 'page', label: 'from settings' },
        { type: 'track', event: 'Forgot Password Button Clicked', label: 'from settings' },
      ])
  })
})

test.describe('the underlying AnalyticsBrowser (contract §6)', () => {
  test('is analytics-next with its whole API: a source middleware gets a real Facade, from a lazily loaded chunk', async ({ page, collector }) => {
    await page.goto('/e2e/generic.html')
    await page.evaluate(async () => {
      await window.academyAnalytics!.ready()
      type Middleware = (input: { payload: { obj: { context?: Record<string, unknown> }; event(): string }; next(payload: unknown): void }) => void
      const analytics = window.academyAnalytics!.analytics as { addSourceMiddleware(fn: Middleware): Promise<unknown> }
      await analytics.addSourceMiddleware(({ payload, next }) => {
        // event() is @segment/facade's Track API: the lean core leaves it to the middleware plugin.
        payload.obj.context = { ...payload.obj.context, seen_by_middleware: payload.event() }
        next(payload)
      })
    })
    await page.click('#planned')
    const [clicked] = await waitForEvents(collector, 1, (e) => e.event === 'Forgot Password Button Clicked')
    expect(clicked!.context).toMatchObject({ seen_by_middleware: 'Forgot Password Button Clicked' })
  })
})
