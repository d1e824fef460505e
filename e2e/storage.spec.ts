import { expect, summary, test, waitForEvents } from './fixtures'

/** Ways a visitor's browser can deny storage; each an init script run before any page script. */
const faults: Record<string, () => void> = {
  'localStorage throws on every access (disabled by policy)': () => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError')
      },
    })
  },
  'localStorage is full (quota exceeded)': () => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    }
  },
  'localStorage is missing': () => {
    Object.defineProperty(window, 'localStorage', { value: undefined })
  },
}

async function clickAndLeave(page: import('@playwright/test').Page) {
  await page.goto('/e2e/generic.html')
  await page.click('#planned')
  await page.goto('/e2e/nav-to.html') // pagehide: the SDK persists its queues
}

const expected = [
  { type: 'page', properties: expect.objectContaining({ path: '/e2e/generic.html' }) },
  { type: 'track', event: 'Forgot Password Email Sent', properties: {} },
  { type: 'track', event: 'Forgot Password Button Clicked', properties: {} },
  { type: 'page', properties: expect.objectContaining({ path: '/e2e/nav-to.html' }) },
]

for (const [name, fault] of Object.entries(faults)) {
  test(`${name}: events are still sent and nothing reaches the page`, async ({ page, collector }) => {
    await page.addInitScript(fault)
    await clickAndLeave(page)
    expect(summary(await waitForEvents(collector, 4))).toEqual(expected)
  })
}

test('cookies disabled: events are still sent and nothing reaches the page', async ({ page, collector }) => {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Emulation.setDocumentCookieDisabled', { disabled: true })
  await clickAndLeave(page)
  expect(summary(await waitForEvents(collector, 4))).toEqual(expected)
  expect(await page.evaluate(() => document.cookie)).toBe('')
})
