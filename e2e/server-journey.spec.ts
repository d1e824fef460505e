import type { Page } from '@playwright/test'
import { createServerAnalytics } from '../src/server/index'
import { expect, inOrder, test, waitForEvents, type StoredEvent } from './fixtures'

const PRODUCT = { product_id: 'P-1002', sku: 'CE-1002', name: 'Sepsis Early Recognition', category: 'Nursing CE', brand: 'Relias', price: 39.99, quantity: 1 }

const isServer = (e: StoredEvent) => (e.context as { library?: { name?: string } } | undefined)?.library?.name === '@segment/analytics-node'
/** A page view of `path` has reached the collector (the tag has also set its anonymous-id cookie by then). */
const pageView = (path: string) => (e: StoredEvent) => e.type === 'page' && (e.properties as { path?: string }).path === path
const named = (event: string) => (e: StoredEvent) => e.event === event

async function anonymousIdCookie(page: Page): Promise<string | undefined> {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'ajs_anonymous_id')
  return cookie && decodeURIComponent(cookie.value)
}

test('a whole journey: browse, sign up, buy, log out; server events join the browser session, whose events carry the userId while signed in', async ({ page, collector, baseURL }) => {
  const email = `nurse-${Date.now().toString(36)}@example.org`
  const waitFor = (count: number, filter: (e: StoredEvent) => boolean) => waitForEvents(collector, count, filter)
  // Each page's view is awaited before leaving it: the tag sends it once its lazily loaded SDK is up.

  // An anonymous visitor browses: client events only.
  await page.goto('/catalog.html')
  await waitFor(1, pageView('/catalog.html'))
  await page.click('nav a[href="/login.html"]')
  await waitFor(1, pageView('/login.html'))
  const browserId = await anonymousIdCookie(page)
  expect(browserId).toEqual(expect.any(String))

  // Signs up: the server sends Identify then User Signed Up, with the browser's anonymous id.
  await page.click('#sign-up')
  await waitFor(1, pageView('/signup.html'))
  await page.fill('#signup-first-name', 'Nia')
  await page.fill('#signup-last-name', 'Okafor')
  await page.fill('#signup-email', email)
  await page.fill('#signup-password', 'correct horse battery staple')
  await page.click('button[type=submit]')
  await page.waitForURL('**/profile.html')
  await waitFor(1, named('User Signed Up'))
  await waitFor(1, pageView('/profile.html'))

  // Adds a course to the cart, checks out and orders: server events with the new userId.
  await page.goto('/catalog.html')
  await waitFor(2, pageView('/catalog.html'))
  await page.locator('[data-analytics-product="P-1002"] button', { hasText: 'Add to cart' }).click()
  await expect(page.locator('#toast')).toContainText('Added to your cart (1 in all)')
  await page.click('#toast a') // to /checkout: the server starts the checkout, then shows it
  await waitFor(1, pageView('/checkout.html'))
  await page.click('#place-order')
  await page.waitForURL('**/order-confirmation.html?order=*')
  const orderId = await page.locator('#order-id').textContent()
  await waitFor(1, named('Order Completed'))
  await waitFor(1, pageView('/order-confirmation.html'))

  // Logs out: reset() before the browser leaves; the server ends its session too.
  await page.goto('/profile.html')
  await waitFor(2, pageView('/profile.html'))
  await page.click('#sign-out')
  await page.waitForURL('**/login.html')
  const [afterLogout] = await waitFor(2, pageView('/login.html')).then((views) => views.slice(1))
  // As an anonymous visitor again, adds a course: the server now knows only the new anonymous id.
  await page.goto('/catalog.html')
  await waitFor(3, pageView('/catalog.html'))
  await page.locator('[data-analytics-product="P-1002"] button', { hasText: 'Add to cart' }).click()
  await waitFor(2, named('Product Added'))

  const events = inOrder(collector.events())
  const signedUp = events.find((e) => e.type === 'identify' && isServer(e))!
  const userId = signedUp.userId as string
  expect(userId).toMatch(/^U-/)
  const cartId = (events.find(named('Product Added'))!.properties as { cart_id: string }).cart_id
  const checkoutId = (events.find(named('Order Completed'))!.properties as { checkout_id: string }).checkout_id
  const url = `${baseURL}/product.html?id=P-1002`
  const ids = { userId, anonymousId: browserId }

  // In the order things happened: page views and the tag's identify (client), and the server's events, with exact
  // payloads. From sign-up to logout the browser's events carry the server's userId (data-user-id, contract §4).
  const journey = events.filter((e) => e.type === 'page' || e.type === 'identify' || isServer(e))
  expect(journey.map((e) => (e.type === 'page' ? { page: (e.properties as { path: string }).path, userId: e.userId ?? undefined, anonymousId: e.anonymousId } : e))).toEqual([
    { page: '/catalog.html', userId: undefined, anonymousId: browserId },
    { page: '/login.html', userId: undefined, anonymousId: browserId },
    { page: '/signup.html', userId: undefined, anonymousId: browserId },
    expect.objectContaining({ type: 'identify', ...ids, traits: { email, first_name: 'Nia', last_name: 'Okafor' } }),
    expect.objectContaining({ type: 'track', event: 'User Signed Up', ...ids, properties: {} }),
    expect.objectContaining({ type: 'identify', ...ids, traits: {} }),
    { page: '/profile.html', ...ids },
    { page: '/catalog.html', ...ids },
    expect.objectContaining({ type: 'track', event: 'Product Added', ...ids, properties: { cart_id: cartId, ...PRODUCT, url } }),
    expect.objectContaining({
      type: 'track',
      event: 'Checkout Started',
      ...ids,
      properties: { order_id: orderId, value: 39.99, revenue: 39.99, shipping: 0, tax: 0, discount: 0, currency: 'USD', products: [{ ...PRODUCT, position: 1, url }] },
    }),
    { page: '/checkout.html', ...ids },
    expect.objectContaining({
      type: 'track',
      event: 'Order Completed',
      ...ids,
      properties: {
        checkout_id: checkoutId,
        order_id: orderId,
        subtotal: 39.99,
        total: 39.99,
        revenue: 39.99,
        shipping: 0,
        tax: 0,
        discount: 0,
        currency: 'USD',
        products: [{ ...PRODUCT, position: 1, url }],
      },
    }),
    { page: '/order-confirmation.html', ...ids },
    { page: '/profile.html', ...ids },
    { page: '/login.html', userId: undefined, anonymousId: afterLogout!.anonymousId },
    { page: '/catalog.html', userId: undefined, anonymousId: afterLogout!.anonymousId },
    expect.objectContaining({ type: 'track', event: 'Product Added', anonymousId: afterLogout!.anonymousId, properties: { cart_id: expect.any(String), ...PRODUCT, url } }),
  ])
  expect(afterLogout!.anonymousId).toEqual(expect.any(String))
  expect(afterLogout!.anonymousId).not.toBe(browserId)
  expect(journey.at(-1)!.userId).toBeUndefined()
  expect(await anonymousIdCookie(page)).toBe(afterLogout!.anonymousId)

  // Every event of the visit, client or server, carries the browser's anonymous id of its time.
  const logoutAt = events.findIndex((e) => e.messageId === afterLogout!.messageId)
  expect(logoutAt).toBeGreaterThan(0)
  expect(events.slice(0, logoutAt).filter((e) => e.anonymousId !== browserId)).toEqual([])
  expect(events.slice(logoutAt).filter((e) => e.anonymousId !== afterLogout!.anonymousId || e.userId)).toEqual([])
  // Between sign-up and logout every event, the browser's too, carries the server's userId; none before.
  const signUpAt = events.indexOf(signedUp)
  expect(events.slice(0, signUpAt).filter((e) => e.userId)).toEqual([])
  expect(events.slice(signUpAt, logoutAt).filter((e) => e.userId !== userId)).toEqual([])
  expect(events.slice(signUpAt, logoutAt).filter((e) => !isServer(e)).length).toBeGreaterThan(5)
  // Identify is also the first to arrive, before its Track; the timestamps agree.
  const arrived = collector.events()
  const identifyAt = arrived.findIndex((e) => e.type === 'identify' && isServer(e))
  expect(arrived[identifyAt + 1]).toMatchObject({ event: 'User Signed Up', userId })
  expect(Date.parse(String(arrived[identifyAt + 1]!.timestamp))).toBeGreaterThan(Date.parse(String(arrived[identifyAt]!.timestamp)))
  // Cart, checkout and order events came from the server only: the tag never sends them.
  expect(events.filter((e) => /^(Product Added|Product Removed|Checkout Started|Order Completed)$/.test(String(e.event)) && !isServer(e))).toEqual([])
})

test('the account pages: profile details, password and card, licences, and a course removed from the cart', async ({ page, collector }) => {
  const email = `rn-${Date.now().toString(36)}@example.org`
  await page.goto('/signup.html')
  await waitForEvents(collector, 1, pageView('/signup.html'))
  const browserId = await anonymousIdCookie(page)
  await page.fill('#signup-first-name', 'Sam')
  await page.fill('#signup-last-name', 'Diaz')
  await page.fill('#signup-email', email)
  await page.fill('#signup-password', 'first-Passw0rd')
  await page.click('button[type=submit]')
  await page.waitForURL('**/profile.html')

  await page.fill('#profile-phone', '+1 (919) 555-0142')
  await page.fill('#profile-company', 'Duke Health')
  await page.click('#details button')
  await expect(page.locator('.ok')).toHaveText('Your details were saved.')
  await page.fill('#profile-current-password', 'first-Passw0rd')
  await page.fill('#profile-new-password', 'second-Passw0rd')
  await page.click('#password button')
  await expect(page.locator('.ok')).toHaveText('Your password was saved.')
  await page.fill('#profile-card-number', '4111 1111 1111 1111')
  await page.fill('#profile-card-expiry', '09/29')
  await page.fill('#profile-card-cvv', '737')
  await page.click('#card button')
  await expect(page.locator('.ok')).toHaveText('Your card was saved.')
  await expect(page.locator('#card .note')).toHaveText('Card ending 1111, expires 09/29')
  await page.goto('/licenses.html')
  await expect(page.locator('table.licences tbody tr')).toHaveCount(2)

  await page.goto('/catalog.html')
  for (const id of ['P-1002', 'P-1005']) {
    await page.locator(`[data-analytics-product="${id}"] button`, { hasText: 'Add to cart' }).click()
    await expect(page.locator('#toast')).toContainText('Added to your cart')
  }
  await page.goto('/checkout.html')
  await page.click('text=Remove Sepsis Early Recognition')
  await expect(page.locator('.cart-lines')).not.toContainText('Sepsis')
  await waitForEvents(collector, 1, named('Product Removed'))

  const server = inOrder(collector.events()).filter(isServer)
  const userId = server[0]!.userId
  expect(server.every((e) => e.userId === userId && e.anonymousId === browserId)).toBe(true)
  expect(server.map((e) => (e.type === 'identify' ? { identify: e.traits } : { [String(e.event)]: e.properties }))).toEqual([
    { identify: { email, first_name: 'Sam', last_name: 'Diaz' } },
    { 'User Signed Up': {} },
    { identify: { phone: '19195550142', company_name: 'Duke Health' } },
    { 'User Updated Profile': { sections: ['details'] } },
    { identify: {} },
    { 'User Updated Profile': { sections: ['password'] } },
    { identify: {} },
    { 'User Updated Profile': { sections: ['credit_card'] } },
    { identify: { licenses: expect.arrayContaining([expect.objectContaining({ license_type: 'RN', state: 'NC' })]) } },
    { 'User Viewed Licenses': { license_count: 2 } },
    { 'Product Added': expect.objectContaining({ product_id: 'P-1002' }) },
    { 'Product Added': expect.objectContaining({ product_id: 'P-1005' }) },
    { 'Product Removed': expect.objectContaining({ product_id: 'P-1002', quantity: 1 }) },
  ])
  // Neither the passwords nor the card reached the collector.
  expect(JSON.stringify(collector.events().map((e) => [e.traits, e.properties, e.context]))).not.toMatch(/Passw0rd|4111[ -]?1111|"737"/)
})

test('a collector that fails the first batch with 503: the server retries, nothing is lost or reordered', async ({ collector }) => {
  const analytics = createServerAnalytics({ writeKey: 'demo-write-key', host: collector.url, flushAt: 2, flushIntervalMs: 50 })
  collector.setFaults({ status: 503, count: 2 })
  const who = { userId: 'U-503', anonymousId: 'anon-503' }
  const product = { cart_id: 'CART-503', product_id: 'P-1001' }
  // Batches of two: [identify, User Signed Up], [Product Added, identify], [User Signed In, Checkout Started], ...
  // The first batch fails twice; the Identify of User Signed In and its Track sit in two different batches.
  analytics.userSignedUp({ ...who, traits: { email: 'u503@example.org', first_name: 'Uma', last_name: 'Ray' } })
  analytics.productAdded({ ...who, properties: product })
  analytics.userSignedIn({ ...who, traits: { email: 'u503@example.org' } })
  analytics.checkoutStarted({ ...who, properties: { order_id: 'O-503', value: 49.99, currency: 'USD' } })
  analytics.orderCompleted({ ...who, properties: { order_id: 'O-503', total: 49.99, currency: 'USD' } })
  analytics.productRemoved({ ...who, properties: product })
  await analytics.close()

  const arrived = collector.events()
  expect(arrived.map((e) => e.event ?? e.type)).toEqual([
    'identify',
    'User Signed Up',
    'Product Added',
    'identify',
    'User Signed In',
    'Checkout Started',
    'Order Completed',
    'Product Removed',
  ])
  expect(new Set(arrived.map((e) => e.messageId)).size).toBe(arrived.length) // no duplicates
  expect(arrived.every((e) => e.userId === who.userId && e.anonymousId === who.anonymousId)).toBe(true)
  expect(inOrder(arrived)).toEqual(arrived) // timestamps agree with the arrival order
})
