import type { Page } from '@playwright/test'
import { expect, summary, test, type StoredEvent } from './fixtures'
import type { Collector } from '../collector/collector'

/** The full 30 s in `npm run test:soak`; shorter in `npm test`. */
const OUTAGE_MS = Number(process.env.SOAK_OUTAGE_MS ?? 5_000)

const outages: Record<string, (collector: Collector) => () => Promise<void>> = {
  'answers 503': (collector) => {
    collector.setFaults({ status: 503 })
    return async () => collector.setFaults(null)
  },
  'answers 429 with Retry-After': (collector) => {
    collector.setFaults({ status: 429, retryAfter: 2 })
    return async () => collector.setFaults(null)
  },
  'refuses connections': (collector) => {
    const back = collector.refuseConnections(OUTAGE_MS)
    return () => back
  },
}

/** Network errors are the browser's console noise about the outage itself, not errors of the page. */
function withoutNetworkErrors(errors: string[]): void {
  const rest = errors.filter((e) => !/Failed to load resource|net::ERR_CONNECTION_REFUSED|Failed to fetch/.test(e))
  errors.splice(0, errors.length, ...rest)
}

async function actDuringOutage(page: Page) {
  await page.goto('/e2e/generic.html')
  await page.evaluate(() => window.academyAnalytics!.ready())
  await page.click('#planned')
  await page.click('#inner')
  // The user leaves while these are failing: the next page of the site takes them over.
  await page.goto('/e2e/nav-to.html')
  await page.evaluate(() => window.academyAnalytics!.track('Promotion Viewed', { promotion_id: 'during-outage' }))
}

for (const [name, start] of Object.entries(outages)) {
  test(`while the collector ${name}, every event waits and arrives once it recovers, also from a page left meanwhile`, async ({ page, collector, pageErrors }) => {
    test.setTimeout(60_000 + OUTAGE_MS * 3)
    const started = Date.now()
    const recover = start(collector)
    await actDuringOutage(page)
    expect(collector.events()).toEqual([])
    await page.waitForTimeout(Math.max(0, OUTAGE_MS - (Date.now() - started)))
    await recover()
    // The SDK's backoff doubles: the first retry after the outage can come up to about as late again.
    const events = await collector.waitFor((all) => all.length >= 6, OUTAGE_MS + 20_000)
    await page.waitForTimeout(1_000) // anything more (a duplicate) would arrive now
    expect(summary(collector.events())).toEqual([
      { type: 'page', properties: expect.objectContaining({ path: '/e2e/generic.html' }) },
      { type: 'track', event: 'Forgot Password Email Sent', properties: {} },
      { type: 'track', event: 'Forgot Password Button Clicked', properties: {} },
      { type: 'track', event: 'Billing Address Updated', properties: {} },
      { type: 'page', properties: expect.objectContaining({ path: '/e2e/nav-to.html' }) },
      { type: 'track', event: 'Promotion Viewed', properties: { promotion_id: 'during-outage' } },
    ])
    const ids = events.map((e: StoredEvent) => e.messageId)
    expect(new Set(ids).size).toBe(ids.length)
    withoutNetworkErrors(pageErrors)
  })
}
