import type { Page } from '@playwright/test'
import { expect, inOrder, test, waitForEvents, type StoredEvent } from './fixtures'

/** Full counts in `npm run test:soak`; fewer in `npm test`, which runs on every change. */
const NAVIGATIONS = Number(process.env.SOAK_NAVIGATIONS ?? 10)

for (const kind of ['same-origin', 'cross-origin'] as const) {
  test(`${kind}: every click that navigates away reaches a collector answering after 500 ms`, async ({ page, collector, baseURL }) => {
    test.setTimeout(30_000 + NAVIGATIONS * 3_000)
    collector.setFaults({ delayMs: 500 })
    // Same origin: the next page of the site, with the tag. Cross-origin: the same server under another host
    // name is another origin, and the page there has no tag (another site).
    const target =
      kind === 'same-origin' ? `${baseURL}/e2e/nav-to.html` : `${baseURL!.replace('127.0.0.1', 'localhost')}/e2e/landing.html`
    const ids = Array.from({ length: NAVIGATIONS }, (_, i) => `${kind}-${i}`)
    for (const id of ids) {
      await page.goto(`/e2e/nav-from.html?id=${id}&to=${encodeURIComponent(target)}`)
      await page.evaluate(() => window.academyAnalytics!.ready())
      await page.click('#go')
      await page.waitForURL(target)
    }
    const clicked = (all: StoredEvent[]) => all.filter((e) => e.event === 'Promotion Clicked')
    const events = await collector
      .waitFor((all) => clicked(all).length >= NAVIGATIONS, 20_000 + NAVIGATIONS * 500)
      .catch(() => collector.events())
    expect(clicked(events).map((e) => (e.properties as { promotion_id: string }).promotion_id).sort()).toEqual([...ids].sort())
  })
}

/** analytics-next's retry queue, as an earlier page of the site left it in localStorage: `ids` undelivered. */
function keptFromEarlierPages(page: Page, ids: string[]): Promise<void> {
  return page.evaluate((ids) => {
    const at = Date.now() - 60_000
    const items = ids.map((id, i) => ({
      id,
      event: {
        type: 'track',
        event: 'Promotion Clicked',
        properties: { promotion_id: id },
        messageId: `ajs-next-${at}-${id}`,
        anonymousId: 'kept-visitor',
        timestamp: new Date(at + i).toISOString(),
        integrations: {},
        context: { page: { path: '/e2e/landing.html', referrer: '', search: '', title: 'Another site', url: location.href } },
      },
    }))
    localStorage.setItem('persisted-queue:v1:demo-write-key:dest-Segment.io:items', JSON.stringify(items))
  }, ids)
}

const anotherSite = (baseURL: string | undefined) => `${baseURL!.replace('127.0.0.1', 'localhost')}/e2e/landing.html`
const promotionIds = (events: StoredEvent[]) =>
  events.filter((e) => e.event === 'Promotion Clicked').map((e) => (e.properties as { promotion_id: string }).promotion_id)

test('a click to another site while 200 events kept from earlier pages are replayed: the click arrives, and the replays from the next page of the site', async ({ page, collector, baseURL }) => {
  // A slow API (500 ms an answer) and a visitor who clicks through pages faster: each page replays what the last
  // one had in flight. A request not sent with keepalive dies with the page, and the browser's 6 connections to the
  // API leave most of them waiting: the click's own event must not be one of them.
  test.setTimeout(90_000)
  collector.setFaults({ delayMs: 500 })
  await page.goto('/e2e/landing.html')
  const kept = Array.from({ length: 200 }, (_, i) => `kept-${i}`)
  await keptFromEarlierPages(page, kept)
  const target = anotherSite(baseURL)
  await page.goto(`/e2e/nav-from.html?id=fresh&to=${encodeURIComponent(target)}`)
  // The replays have begun (16 at a time while the page is shown; all at once when the visitor leaves).
  await collector.waitFor((all) => promotionIds(all).length > 0, 10_000)
  await page.click('#go')
  await page.waitForURL(target)
  const events = await collector.waitFor((all) => promotionIds(all).includes('fresh'), 30_000).catch(() => collector.events())
  expect(promotionIds(events)).toContain('fresh')
  // The replays that went without keepalive were kept again on pagehide: the next page of the site sends them.
  await page.goto('/e2e/nav-to.html')
  const all = await collector.waitFor((all) => new Set(promotionIds(all)).size > kept.length, 30_000).catch(() => collector.events())
  expect([...new Set(promotionIds(all))].sort()).toEqual([...kept, 'fresh'].sort())
})

/** The chunk matching `glob` arrives 3 s late on the first page only (a slow network), then at once. */
async function slowOnFirstPage(page: Page, glob: string): Promise<void> {
  let slow = true
  await page.route(glob, async (route) => {
    if (slow) await new Promise((resolve) => setTimeout(resolve, 3_000))
    slow = false
    await route.continue().catch(() => undefined)
  })
}

/** Each event as [type, event name or null, the path of the page it was captured on]. */
const trail = (events: StoredEvent[]) => events.map((e) => [e.type, e.event ?? null, (e.context as { page: { path: string } }).page.path])

test('a click before the SDK has loaded is kept and sent by the next page of the site', async ({ page, collector }) => {
  // The SDK is slow to arrive on the first page: the click comes before it.
  await slowOnFirstPage(page, '**/academy-analytics-core-*.js')
  await page.goto('/e2e/nav-from.html?id=early&to=/e2e/nav-to.html')
  expect(await page.evaluate(() => window.academyAnalytics!.analytics)).toBeUndefined()
  await page.click('#go')
  await page.waitForURL('**/e2e/nav-to.html')
  const events = inOrder(await waitForEvents(collector, 3))
  expect(trail(events)).toEqual([
    ['page', null, '/e2e/nav-from.html'],
    ['track', 'Promotion Clicked', '/e2e/nav-from.html'],
    ['page', null, '/e2e/nav-to.html'],
  ])
  expect(events[0]!.properties).toMatchObject({ path: '/e2e/nav-from.html', search: '?id=early&to=/e2e/nav-to.html', title: 'Navigate away' })
  expect(events[1]!.properties).toEqual({ promotion_id: 'early' })
})

test('markup inserted before the watchers have loaded, on a page left at once: its load trigger is still sent', async ({ page, collector }) => {
  // The watchers (which follow inserted markup) are slow to arrive on the first page: the loader visits the page
  // it leaves.
  await slowOnFirstPage(page, '**/academy-analytics-watchers-*.js')
  await page.goto('/e2e/generic.html')
  await page.click('#insert')
  await page.goto('/e2e/nav-to.html')
  const events = inOrder(await waitForEvents(collector, 4))
  expect(trail(events)).toEqual([
    ['page', null, '/e2e/generic.html'],
    ['track', 'Forgot Password Email Sent', '/e2e/generic.html'],
    ['track', 'Forgot Password Email Sent', '/e2e/generic.html'],
    ['page', null, '/e2e/nav-to.html'],
  ])
})

test('3,000 events kept from earlier pages (an outage, a visitor who left) go out without a failed request, each once', async ({ page, collector }) => {
  // Chromium refuses a page's requests past some 2,000 at once (net::ERR_INSUFFICIENT_RESOURCES, measured: 1,212 of
  // these 3,000 when all were sent at once), each a console error (the pageErrors fixture fails the test on one) and a
  // retry after a backoff. The SDK's retry queue hands back what it kept all at once: the tag sends 16 at a time.
  test.setTimeout(180_000)
  const failed: string[] = []
  page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText}`))
  const ids = Array.from({ length: 3000 }, (_, i) => `kept-${i}`)
  await page.goto('/e2e/landing.html')
  await keptFromEarlierPages(page, ids)
  await page.goto('/e2e/nav-to.html')
  const events = await collector.waitFor((all) => promotionIds(all).length >= ids.length, 150_000).catch(() => collector.events())
  expect(promotionIds(events).sort()).toEqual([...ids].sort())
  expect(collector.duplicates()).toBe(0)
  expect(failed).toEqual([])
})

/**
 * The page's own script keeps it busy for a second after the click. On a navigation to another site the browser
 * shows the new page meanwhile and does not wait for the old one: the old page runs none of its later tasks, not
 * even pagehide, so what the tag had not sent in the click's own task is lost (4 runs in 4 before it did).
 */
const busyAfterClick = (page: Page) =>
  page.addInitScript(() =>
    addEventListener('click', () =>
      setTimeout(() => {
        for (const until = performance.now() + 1000; performance.now() < until; );
      }),
    ),
  )

test('a click on a link to another site is sent even when the page is busy after it', async ({ page, collector, baseURL }) => {
  await busyAfterClick(page)
  const target = anotherSite(baseURL)
  await page.goto(`/e2e/nav-from.html?id=busy&to=${encodeURIComponent(target)}`)
  await page.evaluate(() => window.academyAnalytics!.ready())
  await page.click('#go')
  await page.waitForURL(target)
  const events = await collector.waitFor((all) => promotionIds(all).includes('busy'), 10_000).catch(() => collector.events())
  expect(promotionIds(events)).toEqual(['busy'])
})

test('a form submitted to another site is sent even when the page is busy after it', async ({ page, collector, baseURL }) => {
  await busyAfterClick(page)
  const target = anotherSite(baseURL)
  await page.goto('/e2e/nav-from.html')
  await page.evaluate(() => window.academyAnalytics!.ready())
  await page.evaluate((target) => {
    document.body.insertAdjacentHTML('beforeend', `<form action="${target}" data-analytics-event="Forgot Password Email Requested"><button id="send">Send</button></form>`)
  }, target)
  await page.click('#send')
  await page.waitForURL(`${target}?`)
  const requested = (all: StoredEvent[]) => all.filter((e) => e.event === 'Forgot Password Email Requested')
  const events = await collector.waitFor((all) => requested(all).length > 0, 10_000).catch(() => collector.events())
  expect(requested(events).map((e) => e.properties)).toEqual([{}])
})

test('a click before the SDK has loaded, on a link to another site, on a busy page: the next page of the site sends it', async ({ page, collector, baseURL }) => {
  await busyAfterClick(page)
  await slowOnFirstPage(page, '**/academy-analytics-core-*.js')
  const target = anotherSite(baseURL)
  await page.goto(`/e2e/nav-from.html?id=early-busy&to=${encodeURIComponent(target)}`)
  await page.click('#go')
  await page.waitForURL(target)
  await page.goto('/e2e/nav-to.html')
  const events = inOrder(await waitForEvents(collector, 3))
  expect(trail(events)).toEqual([
    ['page', null, '/e2e/nav-from.html'],
    ['track', 'Promotion Clicked', '/e2e/nav-from.html'],
    ['page', null, '/e2e/nav-to.html'],
  ])
  expect(events[1]!.properties).toEqual({ promotion_id: 'early-busy' })
})

test('a click before the SDK has loaded, on a link that does not leave the page: sent once, from its own page', async ({ page, collector }) => {
  // The click keeps a copy of what is queued for the next page of the site, in case the page goes; it stays.
  await slowOnFirstPage(page, '**/academy-analytics-core-*.js')
  await page.addInitScript(() => {
    const shown: string[] = []
    Object.assign(window, { shown })
    document.addEventListener('academy-analytics:event', (event) => shown.push((event as CustomEvent<{ event: string }>).detail.event))
  })
  await page.goto('/e2e/nav-from.html?id=stay&to=%23here')
  await page.click('#go')
  expect(await page.evaluate(() => window.academyAnalytics!.ready())).toBe(true)
  await expect.poll(() => page.evaluate(() => (window as unknown as { shown: string[] }).shown)).toEqual(['Page View', 'Promotion Clicked'])
  // A copy left in the stash would go before the next page's page view.
  await page.goto('/e2e/nav-to.html')
  const arrived = await collector.waitFor((all) => all.some((e) => e.type === 'page' && trail([e])[0]![2] === '/e2e/nav-to.html'))
  expect(trail(inOrder(arrived))).toEqual([
    ['page', null, '/e2e/nav-from.html'],
    ['track', 'Promotion Clicked', '/e2e/nav-from.html'],
    ['page', null, '/e2e/nav-to.html'],
  ])
})

test('15 clicks on a link that stays, before the SDK has loaded: the stash keeps each command once, and what an earlier page left', async ({ page, collector }) => {
  // The stash keeps the last 100 commands. Were each click to copy all that is queued again, 15 clicks would
  // push out what the earlier page left there.
  await slowOnFirstPage(page, '**/academy-analytics-core-*.js')
  await page.goto('/e2e/landing.html')
  const earlier = Array.from({ length: 10 }, (_, i) => `earlier-${i}`)
  await page.evaluate((ids) => {
    const from = { path: '/e2e/landing.html', referrer: '', search: '', title: 'Another site', url: location.href }
    const kept = ids.map((id, i) => [{ type: 'track', event: 'Promotion Clicked', properties: { promotion_id: id } }, Date.now() - 1000 + i, from])
    localStorage.setItem('academy-analytics:pending:demo-write-key', JSON.stringify(kept))
  }, earlier)
  await page.goto('/e2e/nav-from.html?id=stay&to=%23here')
  for (let i = 0; i < 15; i++) await page.click('#go')
  expect(await page.evaluate(() => window.academyAnalytics!.analytics)).toBeUndefined()
  expect(await page.evaluate(() => window.academyAnalytics!.ready())).toBe(true)
  const events = await collector.waitFor((all) => promotionIds(all).length >= 25).catch(() => collector.events())
  expect(promotionIds(inOrder(events))).toEqual([...earlier, ...Array<string>(15).fill('stay')])
})
