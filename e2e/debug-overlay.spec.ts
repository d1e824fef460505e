import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { lintSource } from '../src/lint/lint'
import { expect, test } from './fixtures'

const dist = join(import.meta.dirname, '..', 'dist')
const overlay = (page: Page) => page.locator('academy-analytics-debug')
const panel = (page: Page) => overlay(page).locator('.panel')

test.describe('the debug overlay', () => {
  test('lists every event the tag sends with its properties, and every violation', async ({ page, collector }) => {
    await page.goto('/e2e/debug.html?analytics_debug=1')
    await collector.expectEvent('Forgot Password Email Sent')
    // Impressions come once the first event is answered: the list, with a price the plan drops.
    await collector.expectEvent('Product List Viewed')
    await page.click('#typed')
    await page.click('#planned')
    await collector.expectEvent('Forgot Password Button Clicked')
    const entries = panel(page).locator('ol.events > li')
    await expect(entries).toHaveCount(8)
    const texts = (await entries.allTextContents()).map((text) => text.replace(/\s+/g, ' '))
    // Newest first: what the clicks sent, then the list's impression.
    const expected = [
      /^Forgot Password Button Clicked ?track ?no properties$/,
      /^Product Clicked ?track ?product_id ?"P-1"$/,
      /^violation ?Product Clicked: quantity "two" is not an integer; dropped ?on <button id="typed" data-analytics-event="Product Clicked"/,
      /^Product List Viewed ?track ?list_id ?"debug-list" ?products/,
      /^violation ?Product List Viewed: products\[0\]\.price "\$49\.99" is not a number; dropped ?on <section id="list"/,
    ]
    texts.slice(0, 5).forEach((text, i) => expect(text).toMatch(expected[i]!))
    // What the page sent as it started, and the trigger the loader reported as it scanned the markup, in the order
    // the SDK got to them (the report is not an event: it does not wait for the SDK's enrichment).
    const started = texts.slice(5).sort()
    expect(started).toHaveLength(3)
    expect(started[0]).toMatch(/^Forgot Password Email Sent ?track ?no properties$/)
    expect(started[1]).toMatch(/^Page View ?page ?path ?"\/e2e\/debug.html" ?referrer ?"" ?search ?"\?analytics_debug=1" ?title ?"Debug overlay" ?url ?"http:.*"$/)
    expect(started[2]).toMatch(/^violation ?data-analytics-on="hover" is not click, submit, load or view; the element sends nothing ?on <div id="hover"/)
    await expect(panel(page).locator('header .counts')).toHaveText('5 sent · 3 violations · 8 outlined')
  })

  test('outlines the elements whose attributes are wrong, in the words of the linter, also those that never fire', async ({ page, collector }) => {
    await page.goto('/e2e/debug.html?analytics_debug=1')
    await collector.expectEvent('Forgot Password Email Sent')
    await collector.expectEvent('Product List Viewed')
    const linted = lintSource(readFileSync(join(import.meta.dirname, 'pages', 'debug.html'), 'utf8')).map((p) => p.message)
    expect(linted).toHaveLength(7)

    await panel(page).getByRole('tab', { name: /^Markup/ }).click()
    const problems = panel(page).locator('ol.markup > li')
    await expect(problems).toHaveCount(7)
    expect((await problems.locator('li').allTextContents()).sort()).toEqual([...linted].sort())

    // Each outline covers its element and is labelled with the problem.
    for (const [id, label] of <Array<[string, string]>>[
      ['typed', 'Product Clicked: quantity "two" is not an integer; dropped'],
      ['unknown', '"Forgot Password Clicked" is not an event of the tracking plan (did you mean "Forgot Password Button Clicked"?)'],
      ['typo', 'unknown attribute data-analytics-evnt (did you mean data-analytics-event?)'],
      ['no-id', 'product without an id: data-analytics-sku and data-analytics-price need data-analytics-product="<product_id>" on the same element'],
      ['bad-price', 'product price "$49.99" is not a number; dropped'],
      ['hover', 'data-analytics-on="hover" is not click, submit, load or view; the element sends nothing'],
    ]) {
      const element = await page.locator('#' + id).boundingBox()
      const box = overlay(page).locator('.box', { has: page.getByText(label, { exact: true }) })
      await expect(box).toBeVisible()
      expect(await box.boundingBox()).toEqual(element)
    }
    // The seven markup problems, and the list whose Product List Viewed lost a price at run time.
    expect(await overlay(page).locator('.box').count()).toBe(8)
    await expect(overlay(page).locator('.box', { hasText: 'Product List Viewed: products[0].price "$49.99" is not a number; dropped' })).toBeVisible()
    await expect(page.locator('#fine')).toBeVisible() // correct markup: no outline

    // Outlines follow the layout when it changes without a mutation (here a CSS rule added through the CSSOM),
    // when the page scrolls, and markup inserted later is checked too.
    const typo = overlay(page).locator('.box').filter({ hasText: 'unknown attribute data-analytics-evnt' })
    await page.evaluate(() => document.styleSheets[0]!.insertRule('h1 { padding-top: 120px !important }'))
    await expect.poll(async () => (await typo.boundingBox())?.y).toBe((await page.locator('#typo').boundingBox())?.y)
    expect((await page.locator('#typo').boundingBox())!.y).toBeGreaterThan(240)
    await page.locator('#below').scrollIntoViewIfNeeded()
    await expect.poll(async () => (await overlay(page).locator('.box').filter({ hasText: 'Password Forgotten' }).boundingBox())?.y)
      .toBe((await page.locator('#below').boundingBox())?.y)
    await page.evaluate(() =>
      document.body.insertAdjacentHTML('beforeend', '<p id="late" data-analytics-event="Forgot Password Email Sent" data-analytics-on="laod">late</p>'),
    )
    await expect(overlay(page).locator('.box').filter({ hasText: 'data-analytics-on="laod" is not click, submit, load or view' })).toBeVisible()
    await expect(problems).toHaveCount(8)
  })

  test('the page and the overlay do not change each other: the page CSS cannot hide it, and it moves nothing', async ({ page, collector }) => {
    const layout = () =>
      page.evaluate(() => ({
        height: document.documentElement.scrollHeight,
        width: document.documentElement.scrollWidth,
        rects: ['typed', 'list', 'hover', 'below'].map((id) => document.getElementById(id)!.getBoundingClientRect().toJSON()),
        styles: ['typed', 'list'].map((id) => [document.getElementById(id)!.getAttribute('style'), getComputedStyle(document.getElementById(id)!).outline]),
      }))
    await page.goto('/e2e/debug.html')
    await collector.expectEvent('Forgot Password Email Sent')
    const normal = await layout()
    await page.goto('/e2e/debug.html?analytics_debug=1')
    await expect(panel(page)).toBeVisible()
    expect(await layout()).toEqual(normal)

    // The page's `* { font: italic 22px/3 serif; color: #0a0 }` and its rules against the overlay do not reach it.
    const look = await panel(page).evaluate((element) => {
      const style = getComputedStyle(element)
      const header = getComputedStyle(element.querySelector('header')!)
      return { display: style.display, fontStyle: style.fontStyle, fontSize: style.fontSize, color: style.color, headerColor: header.color, left: element.getBoundingClientRect().left }
    })
    expect(look).toEqual({ display: 'flex', fontStyle: 'normal', fontSize: '12px', color: 'rgb(29, 35, 48)', headerColor: 'rgb(255, 255, 255)', left: 12 })
    expect(await overlay(page).evaluate((host) => getComputedStyle(host).opacity)).toBe('1')
  })

  test('can be closed, and stays closed for the page view', async ({ page, collector }) => {
    await page.goto('/e2e/debug.html?analytics_debug=1')
    await collector.expectEvent('Forgot Password Email Sent')
    await expect(panel(page)).toBeVisible()
    await panel(page).getByRole('button', { name: 'Close the analytics debug panel' }).click()
    await expect(overlay(page)).toHaveCount(0)
    await page.click('#planned')
    await page.evaluate(() => window.academyAnalytics!.debug(true))
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<p data-analytics-evnt="x">late</p>'))
    await collector.expectEvent('Forgot Password Button Clicked')
    await page.evaluate(() => new Promise(requestAnimationFrame))
    await expect(overlay(page)).toHaveCount(0)
  })

  test('is loaded only in debug mode: in normal mode not a byte of it is requested', async ({ page, collector }) => {
    const requested: string[] = []
    page.on('request', (request) => requested.push(new URL(request.url()).pathname))
    await page.goto('/e2e/debug.html')
    await page.click('#planned')
    await collector.expectEvent('Forgot Password Button Clicked')
    expect(requested.filter((path) => path.includes('overlay'))).toEqual([])
    await expect(overlay(page)).toHaveCount(0)

    // Turned on later: the overlay loads then, with the markup problems of the page.
    await page.evaluate(() => window.academyAnalytics!.debug(true))
    await expect(panel(page)).toBeVisible()
    expect(requested.filter((path) => path.includes('overlay'))).toEqual([expect.stringMatching(/^\/static\/analytics\/chunks\/overlay-[\w-]+\.js$/)])
    await expect(panel(page).getByRole('tab', { name: /^Markup/ })).toHaveText('Markup (7)')
    await page.evaluate(() => window.academyAnalytics!.debug(false))
    await expect(overlay(page)).toHaveCount(0)
  })

  test('the built tag keeps the overlay out of the loader, the core and everything the core imports statically', () => {
    const manifest: Record<string, { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }> = JSON.parse(
      readFileSync(join(dist, '.vite/core-manifest.json'), 'utf8'),
    )
    const entry = manifest['src/browser/core.ts']!
    expect(entry.dynamicImports).toContain('src/browser/overlay.ts')
    const normalPath = new Set<string>(['academy-analytics.js'])
    const visit = (key: string) => {
      const chunk = manifest[key]!
      if (normalPath.has(chunk.file)) return
      normalPath.add(chunk.file)
      chunk.imports?.forEach(visit)
    }
    visit('src/browser/core.ts')
    expect([...normalPath].some((file) => file.includes('overlay'))).toBe(false)
    for (const file of normalPath) {
      const code = readFileSync(join(dist, file), 'utf8')
      // The overlay's host element, its styles and the markup rules' words.
      for (const marker of ['academy-analytics-debug', 'adoptedStyleSheets', 'did you mean', 'without an id']) expect(code, file).not.toContain(marker)
    }
    expect(readFileSync(join(dist, manifest['src/browser/overlay.ts']!.file), 'utf8')).toContain('academy-analytics-debug')
  })
})
