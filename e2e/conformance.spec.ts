/**
 * The collector as the plan's referee: events that break the plan, from the browser's Segment SDK, from
 * analytics-node and from a Java server's raw batches, show up red in the live panel with their reason, are listed
 * by /events?valid=false, and by the built `academy-analytics check`.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Analytics } from '@segment/analytics-node'
import type { JudgedEvent } from '../src/testing'
import { expect, test } from './fixtures'
import { javaUploadUrl, sendJavaBatch } from './java-client'

const root = join(import.meta.dirname, '..')
const KEY = 'demo-write-key'

test('bad events from the browser, analytics-node and a Java server: red in the live panel, listed by the collector and by check', async ({ page, collector }) => {
  await page.goto('/catalog.html')
  await collector.expectEvent('Page View', { path: '/catalog.html' })
  const panel = page.locator('#live-panel')
  await expect(panel.locator('.lp-status')).toHaveAttribute('data-state', 'live')
  const bad = (name: string) => panel.locator('li.lp-event.lp-bad').filter({ has: page.locator('.lp-name', { hasText: name }) })

  // The browser: the tag's own Segment SDK, past the tag's validation (as a page script calling it would).
  await page.evaluate(async () => {
    await window.academyAnalytics!.ready()
    const sdk = window.academyAnalytics!.analytics as unknown as { track(event: string, properties: object): Promise<unknown> }
    await sdk.track('Product Clicked', { product_id: 'P-1001', price: '12,50' })
  })
  await expect(bad('Product Clicked').locator('.lp-violations')).toHaveText('Product Clicked: price "12,50" is not a number')

  // A Node service on analytics-node: a Track of a row with an Identify, without it.
  const node = new Analytics({ writeKey: KEY, host: collector.url, flushAt: 1 })
  node.track({ userId: 'U-3001', event: 'User Signed In' })
  await node.closeAndFlush()
  await expect(bad('User Signed In').locator('.lp-violations')).toHaveText('Identify missing before User Signed In')

  // A Java server: an Identify with a phone with dashes, then its Track; the Identify is judged by that row's
  // traits once its Track arrives (a later verdict, streamed to the panel).
  const who = { userId: 'U-3002', anonymousId: 'c1d2e3f4-0000-4000-8000-000000000001' }
  const sent = await sendJavaBatch(javaUploadUrl(collector.url), KEY, [
    { type: 'identify', ...who, traits: { phone: '919-555-0100' } },
    { type: 'track', ...who, event: 'User Updated Profile', properties: { sections: ['details'] } },
    { type: 'track', ...who, event: 'Order Placed', properties: {} },
  ])
  expect(sent.status).toBe(200)
  await expect(bad('identify · U-3002').locator('.lp-violations')).toHaveText('User Updated Profile traits: phone "919-555-0100" does not match ^[0-9]+$')
  await expect(bad('Order Placed').locator('.lp-violations')).toHaveText('"Order Placed" is not an event of the tracking plan')
  await expect(panel.locator('li.lp-event', { hasText: 'User Updated Profile' }).first()).toHaveAttribute('data-valid', 'true')

  // The good/bad count, as the collector judged.
  await expect(panel.locator('.lp-bad-count')).toHaveText('4 bad')
  await expect.poll(async () => (await panel.locator('.lp-good').textContent()) === `${collector.judged().filter((e) => e.valid).length} good`).toBe(true)

  const listed = (await (await fetch(`${collector.url}/events?valid=false`)).json()) as JudgedEvent[]
  expect(listed.map((e) => [e.type === 'track' ? e.event : e.type, e.violations.map((v) => v.message)])).toEqual([
    ['Product Clicked', ['Product Clicked: price "12,50" is not a number']],
    ['User Signed In', ['Identify missing before User Signed In']],
    ['identify', ['User Updated Profile traits: phone "919-555-0100" does not match ^[0-9]+$']],
    ['Order Placed', ['"Order Placed" is not an event of the tracking plan']],
  ])
  expect(collector.violations().map((v) => v.event)).toEqual(['Product Clicked', 'User Signed In', 'identify', 'Order Placed'])

  // The same events in a file, checked by the built command line as a Java team's CI would.
  const file = join(mkdtempSync(join(tmpdir(), 'conformance-')), 'events.ndjson')
  writeFileSync(file, collector.events().map((e) => JSON.stringify(e) + '\n').join(''))
  const run = spawnSync(process.execPath, [join(root, 'bin/academy-analytics.mjs'), 'check', file], { cwd: root, encoding: 'utf8' })
  expect(run.status).toBe(1)
  expect(run.stdout.split('\n').filter(Boolean).map((line) => line.slice(file.length).replace(/^:\d+: /, ''))).toEqual([
    'Product Clicked: price "12,50" is not a number',
    'User Signed In: Identify missing before User Signed In',
    'identify: User Updated Profile traits: phone "919-555-0100" does not match ^[0-9]+$',
    'Order Placed: "Order Placed" is not an event of the tracking plan',
  ])
  expect(run.stderr).toBe(`${collector.events().length} events checked, 4 bad\n`)

  collector.reset() // these events break the plan on purpose
})
