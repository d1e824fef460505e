/**
 * Issue 16: the loader sends the page view itself, one request after its own bytes, before the SDK has loaded.
 * Against the real collector: what arrives is what analytics-next sends, field for field; the SDK adopts the
 * identity and never sends the page again; a failed request, or a page left before its answer, hands the same
 * event (same messageId) to the SDK's retry queue.
 */
import type { Page, Request } from '@playwright/test'
import { expect, test, waitForEvents, type StoredEvent } from './fixtures'

/** The loader's requests to the tracking API's batch endpoint, with their bodies. */
function batches(page: Page): Array<{ batch: StoredEvent[] }> {
  const sent: Array<{ batch: StoredEvent[] }> = []
  page.on('request', (request: Request) => {
    if (request.method() === 'POST' && request.url().endsWith('/v1/batch')) sent.push(JSON.parse(request.postData() ?? '{}'))
  })
  return sent
}

/** An event without what differs from one call to the next. */
const fields = ({ messageId: _, timestamp: __, sentAt: ___, receivedAt: ____, ...rest }: StoredEvent) => rest

const MESSAGE_ID = /^ajs-next-\d{13}-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

test('the page view leaves in one request before the SDK loads, and is the one analytics-next sends, field for field', async ({ page, collector }) => {
  const sent = batches(page)
  const scripts: string[] = []
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()))
  await page.goto('/e2e/generic.html?utm_source=newsletter&utm_campaign=spring&token=secret-1')
  const [view] = await waitForEvents(collector, 1, (e) => e.type === 'page')
  expect(sent.map((body) => body.batch.map((e) => e.type))).toEqual([['page']])
  expect(sent[0]!.batch[0]!.messageId).toBe(view!.messageId)
  // The SDK, when it has loaded, holds the same identity, and sends a page call of its own on request.
  const ids = await page.evaluate(async () => {
    await window.academyAnalytics!.ready()
    const analytics = window.academyAnalytics!.analytics as { instance: { user(): { anonymousId(): string; id(): string | null } } }
    window.academyAnalytics!.page()
    return { anonymousId: analytics.instance.user().anonymousId(), userId: analytics.instance.user().id() }
  })
  expect(ids).toEqual({ anonymousId: view!.anonymousId, userId: null })
  const [, fromSdk] = await waitForEvents(collector, 2, (e) => e.type === 'page')
  expect(fields(view!)).toEqual(fields(fromSdk!))
  for (const event of [view!, fromSdk!]) expect(event.messageId).toMatch(MESSAGE_ID)
  expect(view!.context).toMatchObject({
    library: { name: 'analytics.js', version: expect.stringMatching(/^npm:next-\d+\.\d+\.\d+$/) },
    campaign: { source: 'newsletter', name: 'spring' },
    page: { search: '?utm_source=newsletter&utm_campaign=spring' },
  })
  // One page view from the loader, one from the call: the SDK never sent the first again.
  await page.waitForTimeout(500)
  expect(collector.events().filter((e) => e.type === 'page')).toHaveLength(2)
  expect(collector.duplicates()).toBe(0)
  expect(scripts.filter((url) => url.includes('/static/analytics/'))[0]).toMatch(/\/academy-analytics\.js$/)
})

test('a new visitor: the anonymous id is stored as analytics-next stores it before the SDK loads, and is the SDK\'s on the next page', async ({ page, collector }) => {
  // The SDK never arrives on the first page: the visitor leaves before.
  let first = true
  await page.route('**/academy-analytics-core-*.js', async (route) => {
    if (first) return void (first = false)
    await route.continue()
  })
  await page.goto('/e2e/nav-from.html?id=bounce&to=/e2e/nav-to.html')
  const [view] = await waitForEvents(collector, 1, (e) => e.type === 'page')
  // Before the SDK: the new anonymous id is stored as analytics-next stores one (the server reads the cookie).
  const stored = (await page.context().cookies()).filter((c) => c.name.startsWith('ajs_'))
  expect(stored.map(({ name, value, path, sameSite }) => ({ name, value, path, sameSite }))).toEqual([
    { name: 'ajs_anonymous_id', value: view!.anonymousId, path: '/', sameSite: 'Lax' },
  ])
  expect(Math.abs(stored[0]!.expires * 1000 - (Date.now() + 365 * 86_400_000))).toBeLessThan(60_000)
  expect(await page.evaluate(() => localStorage.getItem('ajs_anonymous_id'))).toBe(JSON.stringify(view!.anonymousId))
  await page.click('#go')
  await page.waitForURL('**/e2e/nav-to.html')
  const events = await waitForEvents(collector, 3)
  expect(new Set(events.map((e) => e.anonymousId))).toEqual(new Set([view!.anonymousId]))
  const cookie = (await page.context().cookies()).find((c) => c.name === 'ajs_anonymous_id')
  expect(cookie).toMatchObject({ value: view!.anonymousId, path: '/', sameSite: 'Lax' })
  expect(await page.evaluate(() => localStorage.getItem('ajs_anonymous_id'))).toBe(JSON.stringify(view!.anonymousId))
})

test('a signed-in page: the identify and the page view in one request, the identify 1 ms earlier', async ({ page, collector }) => {
  await page.goto('/login.html')
  await waitForEvents(collector, 1, (e) => e.type === 'page')
  const sent = batches(page)
  await page.fill('#login-email', 'ann@example.org')
  await page.fill('#login-password', 'academy')
  await page.click('form[action="/account/sign-in"] button[type=submit]')
  await page.waitForURL('**/profile.html')
  await expect.poll(() => sent.length).toBe(1)
  const [identify, view] = sent[0]!.batch
  expect([identify!.type, identify!.userId, identify!.traits, view!.type, view!.userId]).toEqual(['identify', 'U-1001', {}, 'page', 'U-1001'])
  expect(Date.parse(String(view!.timestamp)) - Date.parse(String(identify!.timestamp))).toBe(1)
  expect(identify!.anonymousId).toBe(view!.anonymousId)
  const stored = await waitForEvents(collector, 2, (e) => e.messageId === identify!.messageId || e.messageId === view!.messageId)
  expect(stored.map((e) => e.type).sort()).toEqual(['identify', 'page'])
})

test('the request fails (503): the SDK sends the same event, same messageId, from its retry queue', async ({ page, collector, pageErrors }) => {
  const sent = batches(page)
  collector.setFaults({ status: 503, count: 1 })
  await page.goto('/e2e/generic.html')
  const [view] = await waitForEvents(collector, 1, (e) => e.type === 'page')
  expect(view!.messageId).toBe(sent[0]!.batch[0]!.messageId)
  expect(fields(view!)).toEqual(fields({ ...sent[0]!.batch[0]!, _metadata: view!._metadata } as StoredEvent))
  await page.waitForTimeout(500)
  expect(collector.events().filter((e) => e.type === 'page')).toHaveLength(1)
  pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !/Failed to load resource/.test(e)))
})

test('the page is left before the answer: the next page of the site hands the same event to the SDK', async ({ page, collector }) => {
  const sent = batches(page)
  collector.setFaults({ delayMs: 3_000 })
  await page.goto('/e2e/nav-from.html?id=quick&to=/e2e/nav-to.html')
  await expect.poll(() => sent.length).toBe(1)
  await page.click('#go')
  await page.waitForURL('**/e2e/nav-to.html')
  collector.setFaults(null)
  const views = await waitForEvents(collector, 2, (e) => e.type === 'page')
  const first = views.find((e) => (e.properties as { path: string }).path === '/e2e/nav-from.html')
  expect(first?.messageId).toBe(sent[0]!.batch[0]!.messageId)
  const clicked = await waitForEvents(collector, 1, (e) => e.event === 'Promotion Clicked')
  expect(clicked[0]!.anonymousId).toBe(first!.anonymousId)
})

test('neither cookies nor localStorage: the SDK adopts the anonymous id of the page view all the same', async ({ page, collector }) => {
  await page.addInitScript(() => Object.defineProperty(window, 'localStorage', { value: undefined }))
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Emulation.setDocumentCookieDisabled', { disabled: true })
  await page.goto('/e2e/generic.html')
  await page.evaluate(() => window.academyAnalytics!.ready())
  await page.click('#planned')
  const events = await waitForEvents(collector, 3)
  expect(events.map((e) => e.event ?? e.type).sort()).toEqual(['Forgot Password Button Clicked', 'Forgot Password Email Sent', 'page'])
  expect(new Set(events.map((e) => e.anonymousId)).size).toBe(1)
})

test.describe('under data-consent="required"', () => {
  test.use({ consented: null })

  test('nothing leaves before the grant; on a page after it, the loader sends the page view with the consent object at capture', async ({ page, collector }) => {
    const sent = batches(page)
    await page.goto('/e2e/consent.html')
    await page.waitForFunction(() => window.academyAnalytics)
    await page.waitForTimeout(500)
    expect(sent).toEqual([])
    expect(collector.events()).toEqual([])
    // The grant: what was held goes through the SDK (the page view first).
    await page.evaluate(() => window.academyAnalytics!.consent({ analytics: true, advertising: false }))
    const [held] = await waitForEvents(collector, 1, (e) => e.type === 'page')
    expect(sent).toEqual([])
    await page.evaluate(() => window.academyAnalytics!.ready())
    await page.click('#next')
    await page.waitForURL('**/e2e/consent-next.html')
    await expect.poll(() => sent.length).toBe(1)
    const [view] = sent[0]!.batch
    expect(view!.context).toMatchObject({ consent: { categoryPreferences: { analytics: true, advertising: false } } })
    expect(view!.anonymousId).toBe(held!.anonymousId)
    const [stored] = await waitForEvents(collector, 1, (e) => e.messageId === view!.messageId)
    expect(fields(stored!)).toEqual(fields(view!))
  })
})
