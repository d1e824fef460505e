import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, inOrder, summary, test, waitForEvents, type StoredEvent } from './fixtures'

/** Every request the page makes, as `METHOD url`. */
function recordRequests(page: Page): string[] {
  const requests: string[] = []
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`))
  return requests
}

/** What the browser holds for this site: cookie names and localStorage keys. */
async function traces(page: Page) {
  const cookies = (await page.context().cookies()).map((c) => c.name).sort()
  const storage = await page.evaluate(() => Object.keys(localStorage).sort())
  return { cookies, storage }
}

const consent = (page: Page, categories: Record<string, unknown>) => page.evaluate((c) => window.academyAnalytics!.consent(c as Record<string, boolean>), categories)
const ready = (page: Page) => page.evaluate(() => window.academyAnalytics!.ready())
const preferences = (event: StoredEvent) => (event.context as { consent?: { categoryPreferences?: unknown } }).consent?.categoryPreferences
const choiceCookie = async (page: Page) => {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'academy_consent')
  return cookie && JSON.parse(decodeURIComponent(cookie.value))
}

/** The visitor acts before choosing: a load trigger (in the page), a click and a submit. */
async function actBeforeChoosing(page: Page): Promise<void> {
  await page.goto('/e2e/consent.html')
  await page.waitForFunction(() => window.academyAnalytics)
  await page.click('#planned')
  await page.click('#submit')
}

test.describe('consent required (contract §7)', () => {
  test.use({ consented: null })

  test('before a choice nothing leaves, nothing is written, no chunk loads; the grant sends what was captured, page call first', async ({ page, collector, baseURL }) => {
    const requests = recordRequests(page)
    await actBeforeChoosing(page)
    // The tag has started and captured (its listeners ran); a short wait lets anything that would leave, leave.
    await page.waitForTimeout(1000)
    expect(requests).toEqual([`GET ${baseURL}/e2e/consent.html`, `GET ${baseURL}/static/analytics/academy-analytics.js`])
    expect(await traces(page)).toEqual({ cookies: [], storage: [] })
    expect(collector.events()).toEqual([])

    await consent(page, { analytics: true, advertising: false })
    const events = await waitForEvents(collector, 4)
    expect(summary(events)).toEqual([
      { type: 'page', properties: expect.objectContaining({ path: '/e2e/consent.html' }) },
      { type: 'track', event: 'Forgot Password Email Sent', properties: {} },
      { type: 'track', event: 'Forgot Password Button Clicked', properties: {} },
      { type: 'track', event: 'Forgot Password Email Requested', properties: {} },
    ])
    for (const event of events) expect(preferences(event)).toEqual({ analytics: true, advertising: false })
    expect(await ready(page)).toBe(true)
    expect(await choiceCookie(page)).toEqual({ analytics: true, advertising: false })

    // Later events carry the choice as it was when each was captured.
    await consent(page, { analytics: true, advertising: true })
    await page.click('#planned')
    const [later] = await waitForEvents(collector, 1, (e) => e.type === 'track' && preferences(e) !== undefined && (preferences(e) as { advertising: boolean }).advertising)
    expect(later!.event).toBe('Forgot Password Button Clicked')
  })

  test('declined: what was captured is dropped, nothing is sent or loaded, and the choice holds on the next page', async ({ page, collector, baseURL }) => {
    const requests = recordRequests(page)
    await actBeforeChoosing(page)
    await consent(page, { analytics: false, advertising: false })
    expect(await ready(page)).toBe(false)
    await page.click('#planned')
    await page.click('#next')
    await page.waitForURL('**/consent-next.html')
    await page.click('#planned')
    expect(await ready(page)).toBe(false)
    await page.waitForTimeout(1000)
    expect(collector.events()).toEqual([])
    expect(requests.filter((r) => !r.endsWith('.html') && !r.endsWith('/academy-analytics.js'))).toEqual([])
    expect(requests).toContain(`GET ${baseURL}/e2e/consent-next.html`)
    // The choice itself is kept (so the banner is not shown again): the tag's cookie, and nothing else.
    expect(await traces(page)).toEqual({ cookies: ['academy_consent'], storage: [] })
    expect(await choiceCookie(page)).toEqual({ analytics: false, advertising: false })
  })

  test('the next page remembers a grant: its page view goes at once, with the consent object', async ({ page, collector }) => {
    await actBeforeChoosing(page)
    await consent(page, { analytics: true, advertising: false })
    const first = await waitForEvents(collector, 4)
    await page.click('#next')
    const [view] = await waitForEvents(collector, 1, (e) => e.type === 'page' && (e.context as { page: { path: string } }).page.path === '/e2e/consent-next.html')
    expect(preferences(view!)).toEqual({ analytics: true, advertising: false })
    expect(view!.anonymousId).toBe(first[0]!.anonymousId)
  })

  test('withdrawn: nothing more is sent and the identity is cleared; a new grant starts a new anonymous id', async ({ page, collector }) => {
    await actBeforeChoosing(page)
    await consent(page, { analytics: true })
    const [view] = await waitForEvents(collector, 4)
    expect((await traces(page)).cookies).toContain('ajs_anonymous_id')

    await consent(page, { analytics: false })
    await expect.poll(async () => (await traces(page)).cookies).toEqual(['academy_consent'])
    expect((await traces(page)).storage.filter((key) => key.startsWith('ajs_'))).toEqual([])
    await page.click('#planned') // not sent: consent is withdrawn
    await page.evaluate(() => window.academyAnalytics!.track('Forgot Password Email Sent', {}))

    await consent(page, { analytics: true })
    await page.click('#submit')
    const [again] = await waitForEvents(collector, 1, (e) => e.event === 'Forgot Password Email Requested' && e.anonymousId !== view!.anonymousId)
    expect(preferences(again!)).toEqual({ analytics: true })
    // Between the withdrawal and the new grant nothing was captured: 4 events before, 1 after.
    expect(summary(collector.events()).map((e) => e.event ?? e.type)).toEqual([
      'page',
      'Forgot Password Email Sent',
      'Forgot Password Button Clicked',
      'Forgot Password Email Requested',
      'Forgot Password Email Requested',
    ])
  })

  test('what waits for the choice is bounded: the first 100 events (page call included) are kept, later ones dropped', async ({ page, collector }) => {
    const warnings: string[] = []
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()))
    await page.goto('/e2e/consent-next.html')
    await page.waitForFunction(() => window.academyAnalytics)
    await page.evaluate(() => {
      for (let i = 0; i < 120; i++) document.getElementById('planned')!.click()
    })
    await consent(page, { analytics: true })
    const events = await waitForEvents(collector, 100)
    await page.click('#planned') // after the grant: sent as usual
    await waitForEvents(collector, 101)
    const names = summary(collector.events()).map((e) => e.event ?? e.type)
    expect(names).toEqual(['page', ...Array(100).fill('Forgot Password Button Clicked')])
    expect(events[0]!.type).toBe('page')
    expect(warnings.filter((w) => w.includes('events wait for consent'))).toHaveLength(1)
  })

  test('OneTrust: its groups are read through its documented globals, mapped to the tag categories', async ({ page, collector }) => {
    await page.goto('/e2e/consent-onetrust.html')
    await page.waitForFunction(() => window.academyAnalytics)
    await page.click('#planned')
    // OneTrust loads: its defaults (strictly necessary only) are not an answer, so the tag still waits.
    await page.evaluate(() => {
      const w = window as unknown as { OnetrustActiveGroups: string; OneTrust: object; OptanonWrapper(): void; changed: Array<() => void> }
      w.changed = []
      w.OnetrustActiveGroups = ',C0001,'
      w.OneTrust = { OnConsentChanged: (callback: () => void) => w.changed.push(callback) }
      w.OptanonWrapper()
    })
    await page.click('#planned')
    expect(await page.evaluate(() => (window as unknown as { changed: unknown[] }).changed.length)).toBe(1)
    // The visitor allows performance (analytics) cookies in OneTrust's banner.
    const answer = (groups: string) =>
      page.evaluate((active) => {
        const w = window as unknown as { OnetrustActiveGroups: string; OptanonWrapper(): void; changed: Array<() => void> }
        w.OnetrustActiveGroups = active
        w.changed.forEach((callback) => callback())
        w.OptanonWrapper()
      }, groups)
    await answer(',C0001,C0002,')
    const events = await waitForEvents(collector, 3)
    expect(summary(events).map((e) => e.event ?? e.type)).toEqual(['page', 'Forgot Password Button Clicked', 'Forgot Password Button Clicked'])
    for (const event of events) expect(preferences(event)).toEqual({ analytics: true, advertising: false })
    expect(await choiceCookie(page)).toEqual({ analytics: true, advertising: false })
    // Then targeting cookies too.
    await answer(',C0001,C0002,C0004,')
    await page.click('#planned')
    const [last] = await waitForEvents(collector, 1, (e) => (preferences(e) as { advertising?: boolean }).advertising === true)
    expect(preferences(last!)).toEqual({ analytics: true, advertising: true })
  })

  test('a device-mode destination whose consent category was not granted is not loaded and gets nothing', async ({ page, collector, baseURL }) => {
    const requests = recordRequests(page)
    await page.goto('/e2e/consent-device-mode.html')
    await page.waitForFunction(() => window.academyAnalytics)
    await consent(page, { analytics: true, advertising: false })
    await page.click('#planned')
    await waitForEvents(collector, 2)
    expect(await ready(page)).toBe(true)
    expect(requests).toContain(`GET ${baseURL}/e2e/cdn-consent/v1/projects/demo-write-key/settings`)
    expect(requests.filter((r) => r.includes('test-destination'))).toEqual([])
    expect(await page.evaluate(() => (window as unknown as { deviceMode?: unknown }).deviceMode)).toBeUndefined()
  })

  test('a device-mode destination gets only the events whose consent allows its category', async ({ page, collector }) => {
    await page.goto('/e2e/consent-device-mode.html')
    await page.waitForFunction(() => window.academyAnalytics)
    await consent(page, { analytics: true, advertising: true })
    await page.click('#planned')
    const received = () => page.evaluate(() => (window as unknown as { deviceMode?: unknown[] }).deviceMode)
    await expect.poll(received).toHaveLength(2)
    await consent(page, { analytics: true, advertising: false })
    await page.click('#planned') // reaches Segment (analytics), not the advertising destination
    await consent(page, { analytics: true, advertising: true })
    await page.click('#planned')
    await waitForEvents(collector, 4)
    await expect.poll(received).toHaveLength(3)
    expect(await received()).toEqual([
      { type: 'page', label: 'from settings' },
      { type: 'track', event: 'Forgot Password Button Clicked', label: 'from settings' },
      { type: 'track', event: 'Forgot Password Button Clicked', label: 'from settings' },
    ])
    expect(inOrder(collector.events()).map((e) => (preferences(e) as { advertising: boolean }).advertising)).toEqual([true, true, false, true])
  })
})

test.describe('Global Privacy Control', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }))
  })

  test('without data-consent: every event says advertising false (and analytics true: the tag is tracking)', async ({ page, collector }) => {
    await page.context().clearCookies()
    await page.goto('/e2e/generic.html')
    await page.click('#planned')
    const events = await waitForEvents(collector, 3)
    for (const event of events) expect(preferences(event)).toEqual({ analytics: true, advertising: false })
  })

  test.describe('with data-consent="required"', () => {
    test.use({ consented: null })
    test('advertising is false whatever the choice says', async ({ page, collector }) => {
      await actBeforeChoosing(page)
      await consent(page, { analytics: true, advertising: true, functional: true })
      const events = await waitForEvents(collector, 4)
      for (const event of events) expect(preferences(event)).toEqual({ analytics: true, advertising: false, functional: true })
      // The cookie keeps the visitor's own choice; GPC is applied to each event.
      expect(await choiceCookie(page)).toEqual({ analytics: true, advertising: true, functional: true })
    })
  })
})

test('without data-consent and without a choice or GPC, events carry no consent object (Segment does not enforce one)', async ({ page, collector }) => {
  await page.context().clearCookies()
  await page.goto('/e2e/generic.html')
  await page.click('#planned')
  const events = await waitForEvents(collector, 3)
  for (const event of events) expect(preferences(event)).toBeUndefined()
})

test.describe('the demo site', () => {
  test.use({ consented: null })

  test("asks on every page until a choice is made; the choice holds, and the events carry it", async ({ page, collector }) => {
    const pages = ['/', ...readdirSync(join(import.meta.dirname, '../public')).filter((f) => f.endsWith('.html') && f !== 'privacy.html').map((f) => `/${f}`)]
    for (const path of pages) {
      await page.goto(path)
      await expect(page.locator('.consent-banner'), path).toBeVisible()
    }
    expect(collector.events()).toEqual([])
    await page.goto('/catalog.html')
    await page.getByRole('button', { name: 'Choose categories' }).click()
    await page.check('#consent-analytics')
    await page.getByRole('button', { name: 'Save my choices' }).click()
    await expect(page.locator('.consent-banner')).toBeHidden()
    const [view] = await waitForEvents(collector, 1, (e) => e.type === 'page')
    expect(preferences(view!)).toEqual({ analytics: true, advertising: false })
    await page.goto('/')
    await waitForEvents(collector, 2, (e) => e.type === 'page')
    await expect(page.locator('.site-footer')).toBeVisible()
    await expect(page.locator('.consent-banner')).toHaveCount(0)
  })

  test('the OneTrust variant (/privacy.html): nothing before its banner is answered, then the page view with the mapped groups', async ({ page, collector }) => {
    await page.goto('/privacy.html')
    await expect(page.getByRole('dialog', { name: /OneTrust/ })).toBeVisible()
    expect(collector.events()).toEqual([])
    await page.getByRole('button', { name: 'Performance only' }).click()
    const [view] = await waitForEvents(collector, 1, (e) => e.type === 'page')
    expect(preferences(view!)).toEqual({ analytics: true, advertising: false })
    expect(await choiceCookie(page)).toEqual({ analytics: true, advertising: false })
  })
})
