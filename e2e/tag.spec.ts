import { expect, inOrder, recordDispatched, summary, test, waitForEvents } from './fixtures'

test.describe('page view', () => {
  test('every page load sends one page call with the page properties', async ({ page, collector, baseURL }) => {
    await page.goto('/catalog.html?utm_source=newsletter')
    const [view] = await waitForEvents(collector, 1, (e) => e.type === 'page')
    const properties = {
      path: '/catalog.html',
      referrer: '',
      search: '?utm_source=newsletter',
      title: 'Catalog | Relias Academy',
      url: `${baseURL}/catalog.html?utm_source=newsletter`,
    }
    expect(view).toMatchObject({ type: 'page', writeKey: 'demo-write-key', properties, context: { page: properties } })
    expect(view!.anonymousId).toEqual(expect.any(String))
    expect(view!.userId ?? null).toBeNull()
  })

  test('the page view is sent first, before events queued while the SDK loads', async ({ page, collector }) => {
    await page.goto('/e2e/generic.html')
    await page.click('#planned')
    const events = await waitForEvents(collector, 3)
    expect(summary(events).map((e) => e.event ?? e.type)).toEqual(['page', 'Forgot Password Email Sent', 'Forgot Password Button Clicked'])
  })
})

test.describe('generic events (contract §2)', () => {
  test('click, submit, load, view and inserted markup each send their planned event once', async ({ page, collector }) => {
    await page.goto('/e2e/generic.html')
    await waitForEvents(collector, 2) // page view, load trigger
    await page.click('#planned')
    await page.click('#inner')
    await page.click('#submit')
    await page.click('#insert')
    await page.locator('#below').scrollIntoViewIfNeeded()
    const events = await waitForEvents(collector, 7)
    expect(summary(events)).toEqual([
      { type: 'page', properties: expect.objectContaining({ path: '/e2e/generic.html' }) },
      { type: 'track', event: 'Forgot Password Email Sent', properties: {} },
      { type: 'track', event: 'Forgot Password Button Clicked', properties: {} },
      // The innermost declaration wins: the outer div's event is not sent for this click.
      { type: 'track', event: 'Billing Address Updated', properties: {} },
      // The form's fields (an e-mail address) are never read.
      { type: 'track', event: 'Forgot Password Email Requested', properties: {} },
      { type: 'track', event: 'Forgot Password Email Sent', properties: {} },
      { type: 'track', event: 'Billing Address Updated', properties: {} },
    ])
    // Scrolling away and back, or clicking the insert button again, sends nothing more for the same elements.
    await page.mouse.wheel(0, -3000)
    await page.locator('#below').scrollIntoViewIfNeeded()
    await page.click('#planned')
    const more = await waitForEvents(collector, 8)
    expect(summary(more).slice(7)).toEqual([{ type: 'track', event: 'Forgot Password Button Clicked', properties: {} }])
  })

  test('a name that is not in the plan is not sent, and the console names the element', async ({ page, collector }) => {
    const warnings: string[] = []
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()))
    await page.goto('/e2e/generic.html')
    await page.click('#unknown')
    await page.click('#ignored')
    await page.click('#bad-trigger')
    await page.click('#planned') // a planned event after them: once it arrives, the others would have too
    const events = await waitForEvents(collector, 3)
    expect(summary(events).map((e) => e.event ?? e.type)).toEqual(['page', 'Forgot Password Email Sent', 'Forgot Password Button Clicked'])
    await expect.poll(() => warnings.join('\n')).toContain('"Password Forgotten" is not a client-side event of the tracking plan')
    await expect.poll(() => warnings.join('\n')).toContain('<button id="unknown" data-analytics-event="Password Forgotten">')
    await expect.poll(() => warnings.join('\n')).toContain('data-analytics-on="hover" is not click, submit, load or view')
  })

  test('property values are coerced to the plan types; a bad value is dropped with a warning', async ({ page, collector }) => {
    const warnings: string[] = []
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()))
    await page.goto('/e2e/generic.html')
    await page.click('#missing-required')
    await page.click('#typed')
    const [clicked] = await waitForEvents(collector, 1, (e) => e.event === 'Product Clicked')
    expect(clicked!.properties).toEqual({ product_id: 'P-1', price: 12.5, quantity: 3, list_id: 'generic' })
    await expect.poll(() => warnings.join('\n')).toMatch(/position "second" is not an integer; dropped/)
    // A required property missing: the event is not sent.
    expect(collector.events().filter((e) => e.event === 'Promotion Clicked')).toEqual([])
    await expect.poll(() => warnings.join('\n')).toMatch(/Promotion Clicked: required "promotion_id" is missing/)
  })
})

test.describe('the tag on a page', () => {
  test('included twice, it sends one page view and one event per action', async ({ page, collector }) => {
    await page.goto('/e2e/double.html')
    await page.click('#planned')
    await page.click('#planned')
    const events = await waitForEvents(collector, 3)
    await page.evaluate(() => window.academyAnalytics!.ready())
    await page.click('#planned')
    await waitForEvents(collector, 4)
    expect(summary(collector.events()).map((e) => e.event ?? e.type)).toEqual([
      'page',
      'Forgot Password Button Clicked',
      'Forgot Password Button Clicked',
      'Forgot Password Button Clicked',
    ])
    expect(events).toHaveLength(3)
  })

  test('without a write key: one console error, nothing sent, the page works', async ({ page, collector, pageErrors }) => {
    const requests: string[] = []
    page.on('request', (r) => requests.push(r.url()))
    await page.goto('/e2e/no-key.html')
    await page.click('#planned')
    await expect(page.locator('#planned')).toHaveText('clicked')
    await page.click('#submit')
    await expect(page.locator('#form')).toHaveAttribute('data-done', 'yes')
    expect(await page.evaluate(() => typeof window.academyAnalytics)).toBe('undefined')
    expect(pageErrors).toEqual(['[academy-analytics] the script tag has no data-write-key; analytics is off on this page'])
    pageErrors.length = 0
    expect(requests.filter((url) => !url.includes('/e2e/no-key.html') && !url.endsWith('/academy-analytics.js'))).toEqual([])
    expect(collector.events()).toEqual([])
  })

  test('the JavaScript API validates like attributes and every sent event is dispatched on document', async ({ page, collector }) => {
    await recordDispatched(page)
    await page.goto('/e2e/generic.html')
    await waitForEvents(collector, 2)
    await page.evaluate(() => {
      window.academyAnalytics!.track('Promotion Viewed', { promotion_id: 'spring-sale', position: 'home_banner_top', discount: 5 })
      window.academyAnalytics!.track('Order Completed', { order_id: 'O-1' })
    })
    const [viewed] = await waitForEvents(collector, 1, (e) => e.event === 'Promotion Viewed')
    expect(viewed!.properties).toEqual({ promotion_id: 'spring-sale', position: 'home_banner_top' })
    const page_ = collector.events().find((e) => e.type === 'page')!
    await expect.poll(() => page.evaluate(() => (window as unknown as { dispatched: unknown[] }).dispatched)).toEqual([
      { type: 'page', event: 'Page View', properties: page_.properties },
      { type: 'track', event: 'Forgot Password Email Sent', properties: {} },
      { type: 'track', event: 'Promotion Viewed', properties: { promotion_id: 'spring-sale', position: 'home_banner_top' } },
    ])
    await page.evaluate(() => window.academyAnalytics!.page())
    await waitForEvents(collector, 2, (e) => e.type === 'page')
    expect(inOrder(collector.events()).map((e) => e.event ?? e.type)).not.toContain('Order Completed')
  })
})
