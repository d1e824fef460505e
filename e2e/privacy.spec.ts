import { expect, inOrder, test, waitForEvents } from './fixtures'

const SECRET_QUERY =
  '?token=t0k3n&reset_token=r3s3t&code=c0de&password=hunter2&email=jane.doe%40example.com&key=k&auth=a&session=s' +
  '&promo_code=SPRING&member_id=42&utm_source=newsletter&step=2'

test('secret parameters and e-mail addresses never leave in the page URL, search, referrer or context.page', async ({ page, collector, baseURL }) => {
  await page.goto(`/e2e/privacy.html${SECRET_QUERY}#access_token=abc&tab=1`)
  await page.click('#next') // the next page's referrer is this URL
  await page.waitForURL('**/e2e/privacy.html?step=3')
  const [first, clicked, second] = inOrder(await waitForEvents(collector, 3))
  const clean = {
    path: '/e2e/privacy.html',
    search: '?utm_source=newsletter&step=2',
    url: `${baseURL}/e2e/privacy.html?utm_source=newsletter&step=2`,
    title: 'Reset your password, [redacted]',
    referrer: '',
  }
  expect(first!.properties).toEqual(clean)
  expect(first!.context).toMatchObject({ page: clean })
  expect(clicked!.context).toMatchObject({ page: clean })
  expect(second!.properties).toMatchObject({ referrer: `${baseURL}/e2e/privacy.html?utm_source=newsletter&step=2` })
  expect((second!.context as { page: object }).page).toMatchObject({ referrer: `${baseURL}/e2e/privacy.html?utm_source=newsletter&step=2` })
  // Nothing anywhere in what was stored carries a secret.
  const stored = JSON.stringify(collector.events())
  for (const secret of ['t0k3n', 'r3s3t', 'c0de', 'hunter2', 'jane.doe', 'SPRING', 'member_id=42', 'access_token']) expect(stored).not.toContain(secret)
})

test('a card number or a password field value is never sent: the event goes without it, and the console says why', async ({ page, collector }) => {
  const warnings: string[] = []
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()))
  await page.goto('/e2e/privacy.html?analytics_debug=1')
  await page.fill('#password', 'Correct Horse 9')
  await page.evaluate(async () => {
    window.academyAnalytics!.track('Promotion Clicked', { promotion_id: 'p-1', creative: '4111 1111 1111 1111', name: 'Correct Horse 9', position: 'https://x.test/a?token=abc&b=1' })
    // The SDK is there once ready() has resolved (it loads after the page view is answered).
    await window.academyAnalytics!.ready()
    const analytics = window.academyAnalytics!.analytics as { track(name: string, properties: object): Promise<unknown> }
    // Even a call straight to analytics-next goes through the scrub.
    void analytics.track('Promotion Viewed', { promotion_id: 'p-2', creative: 5555555555554444 })
  })
  const events = await waitForEvents(collector, 2, (e) => e.type === 'track')
  expect(Object.fromEntries(events.map((e) => [e.event, e.properties]))).toEqual({
    'Promotion Clicked': { promotion_id: 'p-1', position: 'https://x.test/a?b=1' },
    'Promotion Viewed': { promotion_id: 'p-2' },
  })
  await expect.poll(() => warnings.join('\n')).toContain('Promotion Clicked: creative looks like a card number; not sent')
  await expect.poll(() => warnings.join('\n')).toContain("Promotion Clicked: name is a password field's value; not sent")
  await expect.poll(() => warnings.join('\n')).toContain('Promotion Viewed: creative looks like a card number; not sent')
})

test('an event whose required property is a card number is not sent at all: the plan judges it without the secret', async ({ page, collector }) => {
  const warnings: string[] = []
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()))
  await page.goto('/e2e/privacy.html')
  await page.evaluate(() => {
    window.academyAnalytics!.track('Promotion Clicked', { promotion_id: '4111-1111-1111-1111', creative: 'hero' })
    window.academyAnalytics!.track('Promotion Clicked', { promotion_id: 'p-after', creative: 'hero' })
  })
  const events = await waitForEvents(collector, 1, (e) => e.type === 'track')
  expect(events.map((e) => e.properties)).toEqual([{ promotion_id: 'p-after', creative: 'hero' }])
  // The console reaches the test by another path than the event reaches the collector: either may come first.
  await expect.poll(() => warnings.join('\n')).toContain('Promotion Clicked: promotion_id looks like a card number; not sent')
  await expect.poll(() => warnings.join('\n')).toContain('Promotion Clicked: required "promotion_id" is missing')
})
