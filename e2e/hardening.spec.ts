import { expect, expectNoInlineCode, recordOrigins, recordViolations, summary, test, waitForEvents } from './fixtures'

test.describe('a strict Content Security Policy', () => {
  test("the tag works under script-src 'self' and a connect-src of the API host alone, with no violation", async ({ page, collector, baseURL, servers }) => {
    const violations = await recordViolations(page)
    const requested = recordOrigins(page)
    const response = await page.goto('/e2e/generic.html?csp=strict')
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'")
    // Any violation below is then the tag's own.
    await expectNoInlineCode(servers.site, response!.url())
    await page.click('#planned')
    expect(summary(await waitForEvents(collector, 3)).map((e) => e.event ?? e.type)).toEqual([
      'page',
      'Forgot Password Email Sent',
      'Forgot Password Button Clicked',
    ])
    expect(await violations()).toEqual([])
    // No remote script, no settings request: only the site itself and the collector.
    expect([...new Set(requested)].sort()).toEqual([baseURL, collector.url].sort())
  })
})

test.describe('ad blockers and unreachable hosts', () => {
  test('with the SDK chunk blocked, the page works, nothing throws, and ready() says false', async ({ page, pageErrors }) => {
    await page.route('**/academy-analytics-core-*.js', (route) => route.abort('blockedbyclient'))
    await page.goto('/e2e/generic.html')
    expect(await page.evaluate(() => window.academyAnalytics!.ready())).toBe(false)
    await page.click('#planned')
    await page.click('#submit')
    await page.evaluate(() => window.academyAnalytics!.track('Forgot Password Button Clicked'))
    // The browser's own console line about the blocked request is not an error of the page.
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !/ERR_BLOCKED_BY_CLIENT/.test(e)))
  })

  test('with the API host unreachable, the page works and nothing throws', async ({ page, pageErrors }) => {
    await page.goto('/e2e/generic.html')
    await page.goto('/e2e/unreachable.html')
    expect(await page.evaluate(() => window.academyAnalytics!.ready())).toBe(true)
    await page.click('#planned')
    await page.evaluate(() => window.academyAnalytics!.track('Forgot Password Button Clicked'))
    await page.waitForTimeout(1_000) // the failed requests and their first retries
    await expect(page.locator('#planned')).toHaveText('clicked')
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(e)))
  })
})
