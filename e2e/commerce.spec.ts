import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from '@playwright/test'
import { startSite } from '../collector/demo-server'
import config from '../playwright.config'
import { expect, inOrder, summary, test, waitForEvents, type StoredEvent } from './fixtures'

/** The demo catalog's courses: name and price by number. */
const COURSES: Record<number, [string, number]> = {
  1001: ['Wound Care Essentials', 49.99],
  1002: ['Sepsis Early Recognition', 39.99],
  1003: ['Pain Management', 29.99],
  1004: ['Infection Control', 34.99],
  1005: ['Diabetes Care Update', 44.99],
  1006: ['Cardiac Monitoring', 54.99],
  1007: ['Medication Safety', 24.99],
  1008: ['Pediatric Assessment', 39.99],
  1009: ['Stroke Care', 44.99],
  1010: ['Palliative Care Basics', 29.99],
  1011: ['Respiratory Therapy', 49.99],
  1012: ['Ethics in Nursing', 19.99],
  1013: ['Mental Health First Aid', 34.99],
  1014: ['Geriatric Nursing', 39.99],
  1015: ['Emergency Triage', 54.99],
  1016: ['Patient Education', 24.99],
}

/** A product card of the demo site, as the tag reports it: every field typed, URLs absolute. */
const course = (site: string, n: number, position: number) => ({
  product_id: `P-${n}`,
  sku: `CE-${n}`,
  name: COURSES[n]![0],
  price: COURSES[n]![1],
  position,
  url: `${site}/product.html?id=P-${n}`,
  image_url: `${site}/img/p${n}.svg`,
})
const courses = (site: string, numbers: number[], first = 1) => numbers.map((n, i) => course(site, n, first + i))
/** The demo header's mini-cart, and the cart page's lines. */
const cartLines = [
  { product_id: 'P-1001', name: 'Wound Care Essentials', price: 49.99, quantity: 1, position: 1 },
  { product_id: 'P-1003', name: 'Pain Management', price: 29.99, quantity: 2, position: 2 },
]

/**
 * The next page answers in half a second, as a real server does rather than this local one at once. Sending what a
 * click captured while the browser leaves the page is delivery's concern, tested with delivery; here the tests are
 * about what the click captures.
 */
const serverTime = (page: Page, path: string) =>
  page.route((url) => url.pathname === path, (route) => new Promise<void>((resolve) => setTimeout(() => route.continue().then(resolve, resolve), 500)))

const track = (event: string, properties: unknown) => ({ type: 'track', event, properties })
const pageView = (path: string) => ({ type: 'page', properties: expect.objectContaining({ path }) })
const time = (event: StoredEvent | undefined) => Date.parse(String(event?.timestamp))
const not = (name: string) => (e: StoredEvent) => e.event !== name

test.describe('product lists', () => {
  test('a list in view is reported at load, the mini-cart when it opens, a list below the fold once scrolled to', async ({ page, collector, baseURL }) => {
    await page.goto('/catalog.html')
    await waitForEvents(collector, 2)
    await page.click('#mini-cart-toggle')
    await waitForEvents(collector, 3)
    await page.locator('[data-analytics-list="catalog-recommended"]').scrollIntoViewIfNeeded()
    const events = await waitForEvents(collector, 4)
    expect(summary(events)).toEqual([
      pageView('/catalog.html'),
      track('Product List Viewed', {
        list_id: 'catalog-nursing',
        category: 'Nursing CE',
        products: courses(baseURL!, [1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008]),
      }),
      track('Cart Viewed', { cart_id: 'CART-77', products: cartLines }),
      track('Product List Viewed', { list_id: 'catalog-recommended', category: 'Recommended', products: courses(baseURL!, [1013, 1014, 1015, 1016]) }),
    ])
  })

  test('"load more" reports only the new products, with positions that continue; they are clicked with them', async ({ page, collector, baseURL }) => {
    await page.goto('/catalog.html')
    await waitForEvents(collector, 2)
    await page.click('#load-more')
    const events = await waitForEvents(collector, 3)
    expect(summary(events)[2]).toEqual(
      track('Product List Viewed', { list_id: 'catalog-nursing', category: 'Nursing CE', products: courses(baseURL!, [1009, 1010, 1011, 1012], 9) }),
    )
    // Scrolled down to the bottom and back: the recommended list is reported, the first one not again.
    await page.mouse.wheel(0, 5000)
    await waitForEvents(collector, 4)
    await page.mouse.wheel(0, -5000)
    await serverTime(page, '/product.html')
    await page.click('[data-analytics-product="P-1010"] a')
    await page.waitForURL('**/product.html?id=P-1010')
    const more = await waitForEvents(collector, 8)
    expect(summary(more).slice(3, 6)).toEqual([
      track('Product List Viewed', { list_id: 'catalog-recommended', category: 'Recommended', products: courses(baseURL!, [1013, 1014, 1015, 1016]) }),
      track('Product Clicked', { ...course(baseURL!, 1010, 10), list_id: 'catalog-nursing' }),
      pageView('/product.html'),
    ])
  })

  test('a list inserted by script is found; replaced, it is a new list; refilled, its new products are reported', async ({ page, collector, baseURL }) => {
    await page.goto('/e2e/lists.html')
    // The card's promotion badge is reported after a second, whenever: this test is about lists.
    const lists = not('Promotion Viewed')
    await waitForEvents(collector, 2, lists)
    await page.click('#insert')
    await waitForEvents(collector, 3, lists)
    await page.click('#replace')
    await waitForEvents(collector, 4, lists)
    await page.click('#refill')
    const events = await waitForEvents(collector, 5, lists)
    const recommended = (ids: string[]) => ({
      list_id: 'recommended',
      category: 'Recommended',
      products: ids.map((id, i) => ({ product_id: id, price: 10, position: i + 1, url: `${baseURL}/p/${id}` })),
    })
    expect(summary(events)).toEqual([
      pageView('/e2e/lists.html'),
      track('Product List Viewed', { list_id: 'cards', products: [expect.objectContaining({ product_id: 'C-1' })] }),
      track('Product List Viewed', recommended(['R-1', 'R-2'])),
      track('Product List Viewed', recommended(['R-3', 'R-4', 'R-5'])),
      // The same list element, its products replaced: the new one is first in it now.
      track('Product List Viewed', recommended(['R-6'])),
    ])
  })
  test('replaced markup is let go of: no removed list, product or promotion stays in memory', async ({ page, collector }) => {
    await page.goto('/e2e/lists.html')
    await waitForEvents(collector, 2, not('Promotion Viewed'))
    // A page that replaces its list ten times, each time once it is reported (so its promotion is being timed); then empties it.
    await page.evaluate(async () => {
      const slot = document.getElementById('slot')!
      for (let i = 0; i < 10; i++) {
        const reported = new Promise((resolve) =>
          document.addEventListener('academy-analytics:event', function listener(e) {
            if ((e as CustomEvent).detail.properties.list_id !== `page-${i}`) return
            document.removeEventListener('academy-analytics:event', listener)
            resolve(undefined)
          }),
        )
        slot.innerHTML = `<a href="#deal" data-analytics-promotion="deal-${i}">Deal</a><section data-analytics-list="page-${i}">
          <article data-analytics-product="A-${i}"><a href="/p/A">A</a></article><article data-analytics-product="B-${i}">B</article></section>`
        await reported
      }
      slot.innerHTML = ''
    })
    await waitForEvents(collector, 12, not('Promotion Viewed'))
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('HeapProfiler.collectGarbage')
    const { result: prototype } = await cdp.send('Runtime.evaluate', { expression: 'Element.prototype' })
    const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: prototype.objectId! })
    const { result: elements } = await cdp.send('Runtime.callFunctionOn', {
      objectId: objects.objectId!,
      // Every element alive, and the prototypes of element classes (skipped: they throw on isConnected).
      functionDeclaration: `function () {
        const tracked = '[data-analytics-list],[data-analytics-product],[data-analytics-promotion]'
        const count = (connected) => this.filter((e) => { try { return e.isConnected === connected && e.matches(tracked) } catch { return false } }).length
        return { removed: count(false), inPage: count(true) }
      }`,
      returnByValue: true,
    })
    // The cards list, its product, its badge and the ignored list and product are still in the page.
    expect(elements.value).toEqual({ removed: 0, inPage: 5 })
    // Promotions removed while being timed are never reported.
    expect(collector.events().filter((e) => e.event === 'Promotion Viewed' && JSON.stringify(e.properties).includes('deal-'))).toEqual([])
  })
})

test.describe('product clicks', () => {
  test('a click or a middle click on a product link counts, with its list and position; its add-to-cart button does not', async ({ page, collector, baseURL }) => {
    await page.goto('/catalog.html')
    await waitForEvents(collector, 2)
    await page.click('[data-analytics-product="P-1002"] button')
    const opened = page.context().waitForEvent('page')
    await page.click('[data-analytics-product="P-1003"] a', { button: 'middle' })
    expect((await opened).url()).toBe(`${baseURL}/product.html?id=P-1003`)
    await serverTime(page, '/product.html')
    await page.click('[data-analytics-product="P-1002"] a')
    await page.waitForURL('**/product.html?id=P-1002')
    const clicks = await waitForEvents(collector, 2, (e) => e.event === 'Product Clicked')
    // Clicked before the others, the add-to-cart button would come first.
    expect(summary(clicks)).toEqual([
      track('Product Clicked', { ...course(baseURL!, 1003, 3), list_id: 'catalog-nursing' }),
      track('Product Clicked', { ...course(baseURL!, 1002, 2), list_id: 'catalog-nursing' }),
    ])
  })

  test('inside a product the innermost declaration wins; controls and data-analytics-ignore send nothing', async ({ page, collector, baseURL }) => {
    await page.goto('/e2e/lists.html')
    const clicks = not('Promotion Viewed')
    await waitForEvents(collector, 2, clicks)
    for (const id of ['#card-add', '#card-compare', '#card-ignored', '#ignored-product', '#card-chat', '#card-badge', '#card-link']) await page.click(id)
    const events = await waitForEvents(collector, 5, clicks)
    expect(summary(events)).toEqual([
      pageView('/e2e/lists.html'),
      // The list under data-analytics-ignore is not reported either.
      track('Product List Viewed', { list_id: 'cards', products: [{ product_id: 'C-1', name: 'Card One', price: 12.5, position: 1, url: `${baseURL}/e2e/lists.html#c1` }] }),
      track('Chat Opened', {}),
      track('Promotion Clicked', { promotion_id: 'bundle-badge', creative: 'badge' }),
      track('Product Clicked', { product_id: 'C-1', name: 'Card One', price: 12.5, position: 1, url: `${baseURL}/e2e/lists.html#c1`, list_id: 'cards' }),
    ])
    const [badge] = await waitForEvents(collector, 1, (e) => e.event === 'Promotion Viewed')
    expect(badge!.properties).toEqual({ promotion_id: 'bundle-badge', creative: 'badge' })
  })
})

test.describe('product detail and cart', () => {
  test('a product detail page reports Product Viewed with its currency and value, and its related list', async ({ page, collector, baseURL }) => {
    await page.goto('/product.html?id=P-1001')
    const events = await waitForEvents(collector, 3)
    expect(summary(events)).toEqual([
      pageView('/product.html'),
      track('Product Viewed', {
        product_id: 'P-1001',
        sku: 'CE-1001',
        category: 'Nursing CE',
        name: 'Wound Care Essentials',
        brand: 'Relias',
        price: 49.99,
        image_url: `${baseURL}/img/p1001.svg`,
        currency: 'USD',
        value: 49.99,
      }),
      track('Product List Viewed', { list_id: 'product-related', category: 'Related', products: courses(baseURL!, [1002, 1003, 1004]) }),
    ])
  })

  test('the cart page reports its cart; the mini-cart, opened late, is another cart element', async ({ page, collector }) => {
    await page.goto('/cart.html')
    await waitForEvents(collector, 2)
    await page.click('#mini-cart-toggle')
    const events = await waitForEvents(collector, 3)
    expect(summary(events)).toEqual([
      pageView('/cart.html'),
      track('Cart Viewed', {
        cart_id: 'CART-77',
        products: cartLines.map((line, i) => ({ ...line, sku: ['CE-1001', 'CE-1003'][i] })),
      }),
      track('Cart Viewed', { cart_id: 'CART-77', products: cartLines }),
    ])
  })
})

test.describe('promotions', () => {
  test('home: the hero after a second in view, the banners below the fold once scrolled to, a click on the hero', async ({ page, collector, baseURL }) => {
    await page.goto('/')
    const events = await waitForEvents(collector, 3)
    expect(summary(events)).toEqual([
      pageView('/'),
      track('Product List Viewed', { list_id: 'home-featured', category: 'Featured', products: courses(baseURL!, [1001, 1002, 1003, 1004]) }),
      track('Promotion Viewed', { promotion_id: 'spring-sale', creative: 'hero-v2', name: 'Spring Sale', position: 'home_banner_top' }),
    ])
    const [view, , hero] = inOrder(events)
    expect(time(hero) - time(view)).toBeGreaterThanOrEqual(1000)
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    await waitForEvents(collector, 5)
    await page.evaluate(() => window.scrollTo(0, 0))
    await serverTime(page, '/catalog.html')
    await page.click('.hero')
    await page.waitForURL('**/catalog.html')
    const more = await waitForEvents(collector, 8)
    expect(summary(more).slice(3, 7)).toEqual([
      track('Promotion Viewed', { promotion_id: 'nursing-bundle', creative: 'banner-v1', name: 'Nursing Bundle', position: 'home_banner_bottom' }),
      track('Promotion Viewed', { promotion_id: 'free-webinar', creative: 'text-v1', name: 'Free Webinar', position: 'home_footer' }),
      track('Promotion Clicked', { promotion_id: 'spring-sale', creative: 'hero-v2', name: 'Spring Sale', position: 'home_banner_top' }),
      pageView('/catalog.html'),
    ])
  })

  test('scrolled past in under a second: nothing; kept in view: one event; a quarter visible: nothing; each click counts', async ({ page, collector }) => {
    await page.goto('/e2e/promotions.html')
    await waitForEvents(collector, 1)
    const { passedRatio, keptFrom } = await page.evaluate(async () => {
      // Two rendering updates: every IntersectionObserver has looked at the new layout.
      const frames = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))
      const passed = document.getElementById('passed')!
      const kept = document.getElementById('kept')!
      // The test's own observer proves that the promotion scrolled past was fully on screen.
      let passedRatio = 0
      const observer = new IntersectionObserver((entries) => entries.forEach((e) => (passedRatio = Math.max(passedRatio, e.intersectionRatio))), { threshold: 1 })
      observer.observe(passed)
      passed.scrollIntoView({ block: 'center' })
      // Its report can come a frame late on a busy machine; still well under a second.
      for (let i = 0; i < 10 && passedRatio < 1; i++) await frames()
      observer.disconnect()
      const keptFrom = Date.now()
      // The kept promotion whole at the bottom of the viewport, the next one showing its top quarter only.
      window.scrollTo(0, kept.offsetTop + kept.offsetHeight + 50 - innerHeight)
      return { passedRatio, keptFrom }
    })
    expect(passedRatio).toBe(1)
    const [, viewed] = inOrder(await waitForEvents(collector, 2))
    expect(time(viewed) - keptFrom).toBeGreaterThanOrEqual(1000)
    await page.click('#kept')
    await page.click('#kept')
    const events = await waitForEvents(collector, 4)
    const spring = { promotion_id: 'spring-sale', creative: 'hero-v2', name: 'Spring Sale', position: 'home_banner_top' }
    expect(summary(events)).toEqual([
      pageView('/e2e/promotions.html'),
      track('Promotion Viewed', spring),
      track('Promotion Clicked', spring),
      track('Promotion Clicked', spring),
    ])
  })

  test('a carousel slide replaced before the impression time is never reported, the new slide is', async ({ page, collector }) => {
    await page.goto('/e2e/promotions.html')
    await waitForEvents(collector, 1)
    await page.evaluate(async () => {
      const frames = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))
      const carousel = document.getElementById('carousel')!
      carousel.scrollIntoView({ block: 'center' })
      await frames()
      carousel.innerHTML = '<a class="promo" href="#slide" data-analytics-promotion="slide-2">Slide 2</a>'
    })
    // The first slide, seen first, would have been reported before the second.
    const events = await waitForEvents(collector, 2)
    expect(summary(events)).toEqual([pageView('/e2e/promotions.html'), track('Promotion Viewed', { promotion_id: 'slide-2' })])
  })

  test('a promotion too tall to ever show half of itself counts once it covers half of the viewport', async ({ page, collector }) => {
    await page.goto('/e2e/promotions.html')
    await waitForEvents(collector, 1)
    const share = await page.evaluate(() => {
      const huge = document.getElementById('huge')!
      window.scrollTo(0, huge.offsetTop - innerHeight / 4)
      return innerHeight / huge.offsetHeight
    })
    expect(share).toBeLessThan(0.5)
    const events = await waitForEvents(collector, 2)
    expect(summary(events)).toEqual([pageView('/e2e/promotions.html'), track('Promotion Viewed', { promotion_id: 'huge' })])
  })

  // promotions.ts stops watching the promotions a fast scroll carries past and watches them again once the page rests.
  test('a fling through 300 promotions: none it carried past, once each where it stopped, the skipped ones when scrolled back to', async ({ page, collector }) => {
    await page.goto('/e2e/fling.html')
    // The promotion in the first viewport, reported: the tag watches the page's promotions.
    await waitForEvents(collector, 2)
    const shown = () =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll('.grid .promo'))
          .filter((promotion) => {
            const { top, bottom, height } = promotion.getBoundingClientRect()
            return Math.min(bottom, innerHeight) - Math.max(top, 0) >= height / 2
          })
          .map((promotion) => promotion.id),
      )
    const cdp = await page.context().newCDPSession(page)
    const distance = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight)
    await cdp.send('Input.synthesizeScrollGesture', { x: 400, y: 300, yDistance: -distance, speed: 15_000, gestureSourceType: 'mouse', preventFling: true })
    const stoppedAt = await shown()
    expect(stoppedAt).toContain('fling-300')
    await waitForEvents(collector, 2 + stoppedAt.length)
    await page.evaluate(() => window.scrollTo(0, document.getElementById('fling-150')!.offsetTop - innerHeight / 2))
    const scrolledBackTo = await shown()
    expect(scrolledBackTo).toContain('fling-150')
    const events = inOrder(await waitForEvents(collector, 2 + stoppedAt.length + scrolledBackTo.length))
    const promotionsOf = (from: number, count: number) => events.slice(from, from + count).map((e) => (e.properties as { promotion_id: string }).promotion_id).sort()
    expect(summary(events.slice(0, 2))).toEqual([pageView('/e2e/fling.html'), track('Promotion Viewed', { promotion_id: 'top' })])
    expect(promotionsOf(2, stoppedAt.length)).toEqual([...stoppedAt].sort())
    expect(promotionsOf(2 + stoppedAt.length, scrolledBackTo.length)).toEqual([...scrolledBackTo].sort())
    // Nothing else: no promotion the fling carried past, none reported twice.
    await page.waitForTimeout(1500)
    expect(collector.events()).toHaveLength(events.length)
  })

  // A top-level page watches with its document as the root (impressions.ts); in a frame, what counts is still the
  // screen: the frame's own viewport shows both promotions, the page around it only the top one.
  test('in a frame, a promotion counts when it is in view on the screen, not just in the frame', async ({ page, collector }) => {
    await page.goto('/e2e/framed.html')
    await waitForEvents(collector, 1)
    const { frameTop, shown } = await page.evaluate(() => {
      const frame = document.getElementById('frame')!
      // The frame's top 300 px at the bottom of the viewport: the top promotion whole, the bottom one (400–600) not.
      window.scrollTo(0, frame.offsetTop - (innerHeight - 300))
      return { frameTop: frame.getBoundingClientRect().top, shown: innerHeight - frame.getBoundingClientRect().top }
    })
    expect(frameTop).toBeGreaterThan(0)
    expect(shown).toBe(300)
    const [, viewed] = inOrder(await waitForEvents(collector, 2))
    expect(viewed).toMatchObject(track('Promotion Viewed', { promotion_id: 'frame-top' }))
    // Timed from the same report, the bottom one would have followed within a few ms.
    await page.waitForTimeout(500)
    expect(summary(collector.events())).toEqual([pageView('/e2e/framed-promotions.html'), track('Promotion Viewed', { promotion_id: 'frame-top' })])
  })
})

/**
 * A Chromium as visitors have it. Playwright keeps every page it drives visible (focus emulation) and turns the
 * back/forward cache off; this one is started without either and driven over CDP with `noDefaults`, so a page in a
 * background tab is really hidden (`visibilitychange`) and Back really restores a page from the cache. Its site
 * serves the test page cacheable (`no-cache`), as a store page can be: the demo pages' `no-store` keeps any page
 * whose scripts set cookies (analytics-next does, on every page) out of the cache.
 */
const tabsTest = test.extend<{ tabs: { context: BrowserContext; site: string } }>({
  tabs: async ({ collector, consented }, use) => {
    const launch = config.use?.launchOptions
    const dir = await mkdtemp(join(tmpdir(), 'academy-chromium-'))
    const browserProcess = spawn(
      launch?.executablePath ?? '/usr/bin/chromium',
      ['--headless', '--remote-debugging-port=0', `--user-data-dir=${dir}`, '--window-size=1280,800', ...(launch?.args ?? []), 'about:blank'],
      { stdio: 'ignore' },
    )
    const exited = once(browserProcess, 'exit')
    const site = await startSite({
      port: 0,
      collectorUrl: collector.url,
      extraRoutes: [
        async (_req, res, url) => {
          if (url.pathname !== '/e2e/tab.html') return false
          const page = await readFile(join(import.meta.dirname, 'pages/tab.html'), 'utf8')
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' })
          res.end(page.replaceAll('http://127.0.0.1:8787', collector.url))
          return true
        },
      ],
    })
    try {
      let port = ''
      await expect
        .poll(async () => (port = (await readFile(join(dir, 'DevToolsActivePort'), 'utf8').catch(() => '')).split('\n')[0] ?? ''), { timeout: 15_000 })
        .not.toBe('')
      const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`, { noDefaults: true })
      const context = browser.contexts()[0]!
      // As the test fixture's context: the demo pages (login.html) ask for consent first.
      if (consented) await context.addCookies([{ name: 'academy_consent', value: encodeURIComponent(JSON.stringify(consented)), url: site.url }])
      const errors: string[] = []
      context.on('page', (page) => {
        page.on('pageerror', (error) => errors.push(error.message))
        page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
      })
      await use({ context, site: site.url })
      await browser.close()
      expect(errors, 'errors in the page').toEqual([])
    } finally {
      browserProcess.kill()
      await exited
      await site.close()
      await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })
    }
  },
})

tabsTest('time in a hidden tab does not count: the clock starts over when the tab is shown again', async ({ tabs, collector }) => {
  const page = await tabs.context.newPage()
  await page.addInitScript(() => {
    const w = window as unknown as { shownAt: number; hiddenAt: number }
    document.addEventListener('visibilitychange', () => (document.hidden ? (w.hiddenAt = Date.now()) : (w.shownAt = Date.now())))
  })
  await page.goto(`${tabs.site}/e2e/tab.html`)
  // Once the list is reported the observer has seen the promotion too: its 2 s clock runs. Another tab comes to the front.
  const [view] = inOrder(await waitForEvents(collector, 2))
  const other = await tabs.context.newPage()
  const hiddenAt = await page.evaluate(() => (document.hidden ? (window as unknown as { hiddenAt: number }).hiddenAt : 0))
  expect(hiddenAt - time(view)).toBeGreaterThan(0)
  expect(hiddenAt - time(view)).toBeLessThan(2000)
  // What is tested is time passing in the hidden tab: longer than the impression time (and timer throttling in a hidden tab), then a later event.
  await page.waitForTimeout(3500)
  await page.evaluate(() => window.academyAnalytics!.track('Chat Opened'))
  await waitForEvents(collector, 3)
  await page.bringToFront()
  await other.close()
  const events = await waitForEvents(collector, 4)
  const shownAt = await page.evaluate(() => (window as unknown as { shownAt: number }).shownAt)
  expect(summary(events)).toEqual([
    pageView('/e2e/tab.html'),
    track('Product List Viewed', { list_id: 'tab-list', products: [expect.objectContaining({ product_id: 'T-1' }), expect.objectContaining({ product_id: 'T-2' })] }),
    track('Chat Opened', {}),
    track('Promotion Viewed', { promotion_id: 'tab-promo' }),
  ])
  expect(time(inOrder(events)[3]) - shownAt).toBeGreaterThanOrEqual(2000)
})

tabsTest('a page restored from the back/forward cache is a new page view: lists and promotions are reported again', async ({ tabs, collector }) => {
  const page = await tabs.context.newPage()
  await page.addInitScript(() => addEventListener('pageshow', (e) => ((window as unknown as { restored: boolean }).restored = e.persisted)))
  await page.goto(`${tabs.site}/e2e/tab.html`)
  await waitForEvents(collector, 3)
  await page.click('#away')
  await page.waitForURL('**/login.html')
  await waitForEvents(collector, 4)
  await page.goBack({ waitUntil: 'commit' })
  const events = await waitForEvents(collector, 7)
  expect(await page.evaluate(() => (window as unknown as { restored: boolean }).restored)).toBe(true)
  const once = [
    pageView('/e2e/tab.html'),
    track('Product List Viewed', {
      list_id: 'tab-list',
      products: [
        { product_id: 'T-1', position: 1, url: `${tabs.site}/p/T-1` },
        { product_id: 'T-2', position: 2, url: `${tabs.site}/p/T-2` },
      ],
    }),
    track('Promotion Viewed', { promotion_id: 'tab-promo' }),
  ]
  expect(summary(events)).toEqual([...once, pageView('/login.html'), ...once])
})
