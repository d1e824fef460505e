/**
 * Old libraries of the store's pages, real and unmodified from the npm registry (e2e/pages/vendor): every event of
 * the contract arrives with its exact payload, and no click on a link that leaves the page is lost.
 */
import { expect, recordOrigins, recordViolations, summary, test, type StoredEvent } from './fixtures'

/** Full counts in `npm run test:soak`; fewer in `npm test`, for each of the pages. */
const NAVIGATIONS = Number(process.env.SOAK_NAVIGATIONS ?? 5)

const LIBRARIES = [
  // Replaces Array.from (ignores the map function, wraps a Set) and Object.values.
  { name: 'MooTools 1.5.2', page: '/e2e/libraries/mootools.html' },
  // In window.fetch: XHR, no keepalive.
  { name: 'the whatwg-fetch 3.6.20 polyfill', page: '/e2e/libraries/whatwg-fetch.html' },
  // Handlers that return false and stop propagation; the tag inserted by a script once the page is ready.
  { name: 'jQuery 1.12.4', page: '/e2e/libraries/jquery.html' },
  // core-js's Promise as the global one; a <base href> that relative links resolve against.
  { name: 'core-js 3.6.5', page: '/e2e/libraries/core-js.html', base: '/catalog/' },
]

const track = (event: string, properties: unknown) => ({ type: 'track', event, properties })

for (const { name, page: path, base } of LIBRARIES) {
  test.describe(`a store page with ${name}`, () => {
    test('every event of the contract arrives, with its exact payload, in order', async ({ page, collector, baseURL }) => {
      const url = (href: string) => new URL(href, new URL(base ?? path, baseURL)).href
      const product = { product_id: 'P-1001', sku: 'CE-1001', name: 'Wound Care', price: 49.99, position: 1, url: url('product/P-1001') }
      const promotion = { promotion_id: 'spring-sale', creative: 'hero-v2', name: 'Spring Sale', position: 'home_banner_top' }
      await page.goto(path)
      // What the page shows at load: the load trigger, the impressions (the promotion after its second in view).
      await collector.waitFor((all) => all.length >= 7)
      await page.click('#product-link')
      await page.click('#promotion')
      await page.click('#forgot')
      await page.click('#send')
      await page.evaluate(() => window.academyAnalytics!.track('Promotion Clicked', { promotion_id: 'api', creative: 'script' }))
      const events = await collector.waitFor((all) => all.length >= 12)
      expect(summary(events)).toEqual([
        { type: 'page', properties: expect.objectContaining({ path, url: new URL(path, baseURL).href }) },
        track('Forgot Password Email Sent', {}),
        track('Product List Viewed', {
          list_id: 'catalog-nursing',
          category: 'Nursing CE',
          products: [product, { product_id: 'P-1002', name: 'Sepsis', price: 39.99, position: 2, url: url('product/P-1002') }],
        }),
        track('Product Viewed', { product_id: 'P-1003', name: 'Pain Management', price: 29.99, currency: 'USD', value: 29.99 }),
        track('Cart Viewed', { cart_id: 'CART-77', products: [{ product_id: 'P-1001', quantity: 2, position: 1 }] }),
        track('Billing Address Updated', {}),
        track('Promotion Viewed', promotion),
        track('Product Clicked', { ...product, list_id: 'catalog-nursing' }),
        track('Promotion Clicked', promotion),
        track('Forgot Password Button Clicked', {}),
        track('Forgot Password Email Requested', {}),
        track('Promotion Clicked', { promotion_id: 'api', creative: 'script' }),
      ])
    })

    test(`every click on a link that leaves the page reaches a collector answering after 300 ms (${NAVIGATIONS} clicks)`, async ({ page, collector, baseURL }) => {
      test.setTimeout(30_000 + NAVIGATIONS * 3_000)
      collector.setFaults({ delayMs: 300 })
      // A page without the tag: nothing of this page's queue is sent from there.
      const target = `${baseURL}/e2e/landing.html`
      const ids = Array.from({ length: NAVIGATIONS }, (_, i) => `nav-${i}`)
      for (const id of ids) {
        await page.goto(`${path}?id=${id}&to=${encodeURIComponent(target)}`)
        await page.evaluate(() => window.academyAnalytics!.ready())
        await page.click('#go')
        await page.waitForURL(target)
      }
      const clicked = (all: StoredEvent[]) => all.filter((e) => e.event === 'Promotion Clicked')
      const events = await collector.waitFor((all) => clicked(all).length >= NAVIGATIONS, 20_000 + NAVIGATIONS * 500).catch(() => collector.events())
      expect(clicked(events).map((e) => (e.properties as { promotion_id: string }).promotion_id).sort()).toEqual([...ids].sort())
    })
  })
}

test.describe('debug mode on a page whose scripts replaced built-ins', () => {
  for (const [path, note] of [
    ['/e2e/libraries/mootools.html', "Array.from is not the browser's own (a script of the page replaced it): the tag does not use it"],
    ['/e2e/libraries/whatwg-fetch.html', "window.fetch is not the browser's own (a script of the page replaced it): events are sent with the browser's own fetch, taken from a blank frame"],
  ] as const) {
    test(`${path} says which, and what the tag does about it`, async ({ page }) => {
      const warnings: string[] = []
      page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()))
      await page.goto(`${path}?analytics_debug=1`)
      await expect.poll(() => warnings).toContain(`[academy-analytics] ${note}`)
    })
  }
})

test("under a strict Content Security Policy, the browser's own fetch is taken from a blank frame without a violation", async ({ page, collector, baseURL }) => {
  const violations = await recordViolations(page)
  const requested = recordOrigins(page)
  const warnings: string[] = []
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()))
  collector.setFaults({ delayMs: 300 })
  // Debug mode says where the tag's fetch comes from.
  const response = await page.goto(`/e2e/libraries/whatwg-fetch.html?csp=strict&analytics_debug=1&id=strict&to=${encodeURIComponent(`${baseURL}/e2e/landing.html`)}`)
  expect(response!.headers()['content-security-policy']).toContain("script-src 'self'")
  await page.evaluate(() => window.academyAnalytics!.ready())
  await expect.poll(() => warnings.some((w) => w.includes("window.fetch is not the browser's own") && w.includes('taken from a blank frame'))).toBe(true)
  expect(await violations()).toEqual([])
  await page.click('#go')
  await page.waitForURL('**/e2e/landing.html')
  const events = await collector.waitFor((all) => all.some((e) => e.event === 'Promotion Clicked'))
  expect(events.filter((e) => e.event === 'Promotion Clicked').map((e) => e.properties)).toEqual([{ promotion_id: 'strict' }])
  expect([...new Set(requested)].sort()).toEqual([baseURL, collector.url].sort())
})

test('MooTools: a page left while its event is in flight throws nothing, and the event arrives once', async ({ page, collector }) => {
  // analytics-next moves in-flight events to its retry queue on pagehide with Array.from(aSet): MooTools' one
  // returned [theSet], and the queue threw into the page (scripts/lean-core.ts, step 4).
  collector.setFaults({ delayMs: 2_500 })
  await page.goto('/e2e/libraries/mootools.html')
  await page.evaluate(() => window.academyAnalytics!.ready())
  await page.click('#forgot')
  await page.goto('/e2e/nav-to.html')
  await page.evaluate(() => window.academyAnalytics!.ready())
  const events = await collector.waitFor((all) => all.some((e) => e.type === 'page' && (e.properties as { path: string }).path === '/e2e/nav-to.html'))
  expect(events.filter((e) => e.event === 'Forgot Password Button Clicked')).toHaveLength(1)
})
