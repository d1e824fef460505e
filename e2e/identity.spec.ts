import type { Page } from '@playwright/test'
import { expect, inOrder, test, waitForEvents } from './fixtures'

/** The identity analytics-next keeps in cookies and localStorage. */
async function storedIdentity(page: Page) {
  const cookies = Object.fromEntries((await page.context().cookies()).map((c) => [c.name, decodeURIComponent(c.value)]))
  const local = await page.evaluate(() => ({
    ajs_user_id: localStorage.getItem('ajs_user_id'),
    ajs_anonymous_id: localStorage.getItem('ajs_anonymous_id'),
  }))
  return { cookies: { ajs_user_id: cookies.ajs_user_id ?? null, ajs_anonymous_id: cookies.ajs_anonymous_id ?? null }, local }
}

async function signIn(page: Page, userId: string) {
  await page.evaluate(async (id) => {
    await window.academyAnalytics!.ready()
    const analytics = window.academyAnalytics!.analytics as { identify(id: string): Promise<unknown> }
    await analytics.identify(id)
  }, userId)
}

test('logout resets the identity: the declared event goes first with the old one, the next carries a new anonymous id', async ({ page, collector }) => {
  await page.goto('/e2e/logout.html')
  const [view] = await waitForEvents(collector, 1, (e) => e.type === 'page')
  await signIn(page, 'user-42')
  const before = await storedIdentity(page)
  expect(before.cookies.ajs_user_id).toContain('user-42')
  expect(before.local.ajs_user_id).toContain('user-42')
  expect(before.cookies.ajs_anonymous_id).toContain(String(view!.anonymousId))

  await page.click('#logout')
  await expect.poll(() => storedIdentity(page)).toEqual({
    cookies: { ajs_user_id: null, ajs_anonymous_id: null },
    local: { ajs_user_id: null, ajs_anonymous_id: null },
  })
  await page.click('#after')
  const events = inOrder(await waitForEvents(collector, 4))
  expect(events.map((e) => [e.type, e.event ?? null, e.userId ?? null])).toEqual([
    ['page', null, null],
    ['identify', null, 'user-42'],
    ['track', 'Billing Address Updated', 'user-42'],
    ['track', 'Forgot Password Button Clicked', null],
  ])
  const [, , declared, after] = events
  expect(declared!.anonymousId).toBe(view!.anonymousId)
  expect(after!.anonymousId).toEqual(expect.any(String))
  expect(after!.anonymousId).not.toBe(view!.anonymousId)
})

test('a logout link resets before the browser navigates: the next page view is anonymous and new', async ({ page, collector }) => {
  await page.goto('/account.html')
  await signIn(page, 'user-7')
  const [first] = await waitForEvents(collector, 1, (e) => e.type === 'page')
  await page.click('#logout')
  await page.waitForURL('**/login.html')
  const views = inOrder(await waitForEvents(collector, 2, (e) => e.type === 'page'))
  expect(views.map((v) => v.properties)).toMatchObject([{ path: '/account.html' }, { path: '/login.html' }])
  expect(views[1]!.userId ?? null).toBeNull()
  expect(views[1]!.anonymousId).not.toBe(first!.anonymousId)
  const after = await storedIdentity(page)
  expect(after.cookies.ajs_user_id).toBeNull()
  expect(after.cookies.ajs_anonymous_id).toContain(String(views[1]!.anonymousId))
})

test('a logout form resets on submit', async ({ page, collector }) => {
  await page.goto('/e2e/logout.html')
  await signIn(page, 'user-9')
  const [first] = await waitForEvents(collector, 1, (e) => e.type === 'page')
  await page.click('#logout-submit')
  await page.waitForURL(/\/login\.html\??$/)
  const views = inOrder(await waitForEvents(collector, 2, (e) => e.type === 'page'))
  expect(views[1]!.userId ?? null).toBeNull()
  expect(views[1]!.anonymousId).not.toBe(first!.anonymousId)
})
