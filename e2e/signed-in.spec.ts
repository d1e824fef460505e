/**
 * Contract §4 end to end: the demo server renders the session's user id in every page's data-user-id, as the
 * Academy's JSPs do, and the tag brings the browser's identity in line before each page call.
 */
import type { Page } from '@playwright/test'
import { expect, inOrder, test, waitForEvents, type StoredEvent } from './fixtures'

const ANN = { userId: 'U-1001', email: 'ann@example.org', password: 'academy' }

const isServer = (e: StoredEvent) => (e.context as { library?: { name?: string } } | undefined)?.library?.name === '@segment/analytics-node'
const isClient = (e: StoredEvent) => !isServer(e)
const pageView = (path: string) => (e: StoredEvent) => e.type === 'page' && (e.properties as { path?: string }).path === path
const clientIdentify = (e: StoredEvent) => e.type === 'identify' && isClient(e)
/** What identifies an event and whose it is. */
const who = (e: StoredEvent) => ({
  type: e.type,
  name: e.type === 'page' ? (e.properties as { path: string }).path : (e.event ?? null),
  userId: e.userId ?? null,
  anonymousId: e.anonymousId,
})

/** The identity analytics-next keeps in cookies and localStorage (the same in both). */
async function storedIdentity(page: Page) {
  const cookies = Object.fromEntries((await page.context().cookies()).map((c) => [c.name, decodeURIComponent(c.value)]))
  const local = await page.evaluate(() => [localStorage.getItem('ajs_user_id'), localStorage.getItem('ajs_anonymous_id')])
  // analytics-next writes ids bare in cookies, JSON in localStorage ("null" once cleared and read again).
  const bare = (value: string | null | undefined) => (value && value !== 'null' ? value.replace(/^"|"$/g, '') : null)
  const stored = { userId: bare(cookies.ajs_user_id), anonymousId: bare(cookies.ajs_anonymous_id) }
  expect({ userId: bare(local[0]), anonymousId: bare(local[1]) }).toEqual(stored)
  return stored
}

/** Signs in on the login page (already open) with the demo's form; the server redirects to the profile. */
async function signIn(page: Page, account: { email: string; password: string }) {
  await page.fill('#login-email', account.email)
  await page.fill('#login-password', account.password)
  await page.click('form[action="/account/sign-in"] button[type=submit]')
  await page.waitForURL('**/profile.html')
}

test('sign-in, then browse: one identify before the page call, then the userId on every event', async ({ page, collector }) => {
  await page.goto('/login.html')
  const [login] = await waitForEvents(collector, 1, pageView('/login.html'))
  const anonymousId = login!.anonymousId
  await signIn(page, ANN)
  await waitForEvents(collector, 1, pageView('/profile.html'))
  await page.click('nav a[href="/catalog.html"]')
  await waitForEvents(collector, 1, pageView('/catalog.html'))
  await page.locator('[data-analytics-product="P-1002"] a').click()
  await page.waitForURL('**/product.html?id=P-1002')
  await waitForEvents(collector, 1, pageView('/product.html'))
  await waitForEvents(collector, 1, (e) => e.event === 'Product Clicked')

  const events = inOrder(collector.events())
  const signedIn = events.findIndex((e) => e.event === 'User Signed In')
  // Before sign-in: anonymous. The server's Identify and User Signed In carry the browser's anonymous id.
  expect(events.slice(0, signedIn + 1).map(who)).toEqual([
    { type: 'page', name: '/login.html', userId: null, anonymousId },
    { type: 'identify', name: null, userId: ANN.userId, anonymousId },
    { type: 'track', name: 'User Signed In', userId: ANN.userId, anonymousId },
  ])
  const client = events.slice(signedIn + 1)
  // The tag's identify comes first on the profile page, with no traits; then every client event is Ann's.
  expect(client[0]).toMatchObject({ type: 'identify', userId: ANN.userId, anonymousId, traits: {} })
  expect(client.filter((e) => e.type === 'page' || e.type === 'identify').map(who)).toEqual([
    { type: 'identify', name: null, userId: ANN.userId, anonymousId },
    { type: 'page', name: '/profile.html', userId: ANN.userId, anonymousId },
    { type: 'page', name: '/catalog.html', userId: ANN.userId, anonymousId },
    { type: 'page', name: '/product.html', userId: ANN.userId, anonymousId },
  ])
  expect(client.find((e) => e.event === 'Product Clicked')).toMatchObject({ userId: ANN.userId, anonymousId, properties: { product_id: 'P-1002' } })
  expect(client.filter((e) => e.userId !== ANN.userId || e.anonymousId !== anonymousId).map(who)).toEqual([])
  // The user id is never copied into properties.
  expect(JSON.stringify(client.map((e) => e.properties))).not.toContain(ANN.userId)
  expect(await storedIdentity(page)).toEqual({ userId: ANN.userId, anonymousId })
})

test('the same user on further pages, a reload, a second tab and a page without data-user-id: no second identify', async ({ page, collector }) => {
  await page.goto('/login.html')
  await signIn(page, ANN)
  await waitForEvents(collector, 1, pageView('/profile.html'))
  await page.goto('/catalog.html')
  await waitForEvents(collector, 1, pageView('/catalog.html'))
  await page.reload()
  await waitForEvents(collector, 2, pageView('/catalog.html'))
  const tab = await page.context().newPage()
  await tab.goto('/support.html')
  await waitForEvents(collector, 1, pageView('/support.html'))
  // A page that does not know (no data-user-id): the identity is untouched.
  await tab.goto('/e2e/logout.html')
  await waitForEvents(collector, 1, pageView('/e2e/logout.html'))

  const client = inOrder(collector.events()).filter(isClient)
  const anonymousId = client[0]!.anonymousId
  expect(client.filter((e) => e.type === 'page' || e.type === 'identify').map(who)).toEqual([
    { type: 'page', name: '/login.html', userId: null, anonymousId },
    { type: 'identify', name: null, userId: ANN.userId, anonymousId },
    { type: 'page', name: '/profile.html', userId: ANN.userId, anonymousId },
    { type: 'page', name: '/catalog.html', userId: ANN.userId, anonymousId },
    { type: 'page', name: '/catalog.html', userId: ANN.userId, anonymousId },
    { type: 'page', name: '/support.html', userId: ANN.userId, anonymousId },
    { type: 'page', name: '/e2e/logout.html', userId: ANN.userId, anonymousId },
  ])
})

test('a second person signs in on the same browser without logging out: new anonymous id, nothing of the first carries over', async ({ page, collector }) => {
  await page.goto('/login.html')
  await signIn(page, ANN)
  const [annView] = await waitForEvents(collector, 1, pageView('/profile.html'))
  await page.goto('/catalog.html')
  await waitForEvents(collector, 1, pageView('/catalog.html'))
  const first = { userId: ANN.userId, anonymousId: annView!.anonymousId }

  // Ann walks away; the next nurse signs up on the same workstation while Ann's session is still open.
  await page.goto('/signup.html')
  await waitForEvents(collector, 1, pageView('/signup.html'))
  await page.fill('#signup-first-name', 'Ben')
  await page.fill('#signup-last-name', 'Ortiz')
  await page.fill('#signup-email', `ben-${Date.now().toString(36)}@example.org`)
  await page.fill('#signup-password', 'another horse battery staple')
  await page.click('button[type=submit]')
  await page.waitForURL('**/profile.html')
  const [benView] = await waitForEvents(collector, 2, pageView('/profile.html')).then((views) => views.slice(1))
  await page.goto('/catalog.html')
  await waitForEvents(collector, 2, pageView('/catalog.html'))

  const events = inOrder(collector.events())
  const ben = { userId: benView!.userId, anonymousId: benView!.anonymousId }
  expect(ben.userId).toMatch(/^U-/)
  expect(ben.userId).not.toBe(ANN.userId)
  expect(ben.anonymousId).toEqual(expect.any(String))
  expect(ben.anonymousId).not.toBe(first.anonymousId)
  const signedUp = events.findIndex((e) => e.event === 'User Signed Up')
  // The server's events for Ben go without Ann's anonymous id; the tag resets, then identifies Ben with a new one.
  expect(events.slice(signedUp - 1, signedUp + 1).map(who)).toEqual([
    { type: 'identify', name: null, userId: ben.userId, anonymousId: undefined },
    { type: 'track', name: 'User Signed Up', userId: ben.userId, anonymousId: undefined },
  ])
  // Until then, every client event since Ann's sign-in was Ann's.
  const annSignedIn = events.findIndex((e) => e.event === 'User Signed In')
  expect(events.slice(annSignedIn + 1, signedUp - 1).filter((e) => e.userId !== first.userId || e.anonymousId !== first.anonymousId).map(who)).toEqual([])
  const after = events.slice(signedUp + 1)
  expect(after.filter((e) => e.type === 'page' || e.type === 'identify').map(who)).toEqual([
    { type: 'identify', name: null, ...ben },
    { type: 'page', name: '/profile.html', ...ben },
    { type: 'page', name: '/catalog.html', ...ben },
  ])
  expect(after.filter((e) => e.userId !== ben.userId || e.anonymousId !== ben.anonymousId).map(who)).toEqual([])
  expect(await storedIdentity(page)).toEqual(ben)
})

test('a server session that times out: the next page renders an empty data-user-id, the tag resets, the page call is anonymous', async ({ page, collector }) => {
  await page.goto('/login.html')
  await signIn(page, ANN)
  const [signedIn] = await waitForEvents(collector, 1, pageView('/profile.html'))
  // The session ends on the server (time-out): the browser's session cookie no longer names anyone.
  await page.context().clearCookies({ name: 'academy_user' })
  await page.goto('/catalog.html')
  const [view] = await waitForEvents(collector, 1, pageView('/catalog.html'))
  expect(await page.locator('script[data-user-id]').getAttribute('data-user-id')).toBe('')

  expect(view!.userId ?? null).toBeNull()
  expect(view!.anonymousId).toEqual(expect.any(String))
  expect(view!.anonymousId).not.toBe(signedIn!.anonymousId)
  const client = inOrder(collector.events()).filter(isClient)
  const at = client.findIndex((e) => e.messageId === view!.messageId)
  expect(at).toBeGreaterThan(0)
  expect(client.slice(at).filter((e) => e.userId || e.anonymousId !== view!.anonymousId).map(who)).toEqual([])
  expect(client.filter(clientIdentify).map(who)).toEqual([{ type: 'identify', name: null, userId: ANN.userId, anonymousId: signedIn!.anonymousId }])
  // The loader sent the page view before the SDK loaded; the SDK then applies the reset to cookies and localStorage.
  await expect.poll(() => storedIdentity(page).catch(() => 'cookies and localStorage disagree')).toEqual({ userId: null, anonymousId: view!.anonymousId })
})

test('a data-user-id that is not a user id (an e-mail address): a console warning, the identity left as it is, nothing sent of it', async ({ page, collector }) => {
  const warnings: string[] = []
  page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()))
  await page.goto('/login.html')
  await signIn(page, ANN)
  const [signedIn] = await waitForEvents(collector, 1, pageView('/profile.html'))
  await page.goto('/e2e/user-id-broken.html')
  await waitForEvents(collector, 1, pageView('/e2e/user-id-broken.html'))
  await page.click('#after')
  const [clicked] = await waitForEvents(collector, 1, (e) => e.event === 'Forgot Password Button Clicked')

  await expect.poll(() => warnings).toContainEqual(expect.stringContaining(`data-user-id="ann@example.org" is not a user id; the browser's identity is left as it is`))
  const [view] = await waitForEvents(collector, 1, pageView('/e2e/user-id-broken.html'))
  for (const event of [view!, clicked!]) expect(event).toMatchObject({ userId: ANN.userId, anonymousId: signedIn!.anonymousId })
  expect(inOrder(collector.events()).filter(clientIdentify)).toHaveLength(1)
  expect(JSON.stringify(collector.events().filter(isClient))).not.toContain('ann@example.org')
})
