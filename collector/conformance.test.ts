/**
 * The collector as the plan's referee, and the conformance walk-through of docs/conformance.md for the Java side:
 * batches sent exactly as analytics-java sends them (e2e/java-client.ts), a conforming sequence and a broken one.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { javaUploadUrl, sendJavaBatch, type JavaMessage } from '../e2e/java-client.ts'
import { check } from '../src/check/cli.ts'
import { startCollector, type Collector, type JudgedEvent } from './collector.ts'

const KEY = 'demo-write-key'
let c: Collector
afterEach(() => c?.close())

const get = async <T>(c: Collector, route: string): Promise<T> => (await fetch(c.url + route)).json() as Promise<T>
const messagesOf = (events: JudgedEvent[]) => events.map((e) => [e.type === 'track' ? e.event : e.type, e.violations.map((v) => v.message)])
const post = (body: object) =>
  fetch(`${c.apiHost}/batch`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ writeKey: KEY, ...body }) })

describe('the collector judges every event against the plan', () => {
  it('stores a bad event marked bad, never drops it, and lists it at /events?valid=false', async () => {
    c = await startCollector({ port: 0 })
    await post({
      batch: [
        { type: 'track', event: 'Product Added', userId: 'U-1', properties: { product_id: 'P-1', price: 12.5 } },
        { type: 'track', event: 'Product Added', userId: 'U-1', properties: { product_id: 'P-1', price: '12,50' } },
        { type: 'track', event: 'Order Placed', userId: 'U-1', properties: {} },
      ],
    })
    expect(c.events()).toHaveLength(3)
    const bad = await get<JudgedEvent[]>(c, '/events?valid=false')
    expect(messagesOf(bad)).toEqual([
      ['Product Added', ['Product Added: price "12,50" is not a number']],
      ['Order Placed', ['"Order Placed" is not an event of the tracking plan']],
    ])
    expect(bad[0]!.violations).toEqual([{ field: 'properties.price', rule: 'is not a number', message: 'Product Added: price "12,50" is not a number' }])
    expect((await get<JudgedEvent[]>(c, '/events?valid=true')).map((e) => e.properties)).toEqual([{ product_id: 'P-1', price: 12.5 }])
    // A malformed event is still refused, as before.
    expect((await post({ batch: [{ event: 'No type' }] })).status).toBe(400)
    expect(c.events()).toHaveLength(3)
  })

  it('summarizes good and bad per event name and type, the most frequent violations first', async () => {
    c = await startCollector({ port: 0 })
    const product = (price: unknown, extra = {}) => ({ type: 'track', event: 'Checkout Started', userId: 'U', properties: { products: [{ product_id: 'P', price }], ...extra } })
    await post({ batch: [product(1), product('1'), product('x', { colour: 'red' }), product('y'), { type: 'page', properties: { path: '/' } }] })
    expect(await get(c, '/events/summary')).toEqual({
      good: 2,
      bad: 3,
      events: [
        {
          type: 'track',
          name: 'Checkout Started',
          good: 1,
          bad: 3,
          violations: [
            { field: 'properties.products[].price', rule: 'is not a number', count: 2, message: 'Checkout Started: products[0].price "y" is not a number' },
            { field: 'properties.products[].price', rule: 'is not of type number', count: 1, message: 'Checkout Started: products[0].price "1" is not of type number' },
            { field: 'properties.colour', rule: 'is not in the plan', count: 1, message: 'Checkout Started: "colour" is not a property of Checkout Started in the plan' },
          ],
        },
        { type: 'page', name: 'Page View', good: 1, bad: 0, violations: [] },
      ],
    })
    expect(c.summary()).toEqual(await get(c, '/events/summary'))
  })

  it('settles an Identify by its Track or its window, and logs one line per bad event', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    try {
      c = await startCollector({ port: 0, identifyWindowMs: 300, log: true })
      await post({ batch: [{ type: 'identify', userId: 'U-1', traits: { email: 'a@b.c' } }] })
      expect(c.judged()[0]).toMatchObject({ valid: true, violations: [], pending: true })
      await post({ batch: [{ type: 'identify', userId: 'U-2', traits: { email: 'a@b.c' } }, { type: 'track', event: 'User Signed In', userId: 'U-2' }] })
      expect(c.judged().slice(1).map((e) => [e.valid, e.pending])).toEqual([[true, false], [true, false]])
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(messagesOf(c.judged())[0]).toEqual([
        'identify',
        ['Identify not followed by User Signed Up, User Signed In, User Updated Profile or User Viewed Licenses for the same userId within 0.3 s'],
      ])
      await post({ batch: [{ type: 'track', event: 'Product Added', userId: 'U-1', properties: {} }] })
      const bad = log.mock.calls.map(([line]) => String(line)).filter((line) => line.startsWith('[collector] bad'))
      expect(bad).toEqual([
        '[collector] bad identify U-1: Identify not followed by User Signed Up, User Signed In, User Updated Profile or User Viewed Licenses for the same userId within 0.3 s',
        '[collector] bad track "Product Added": Product Added: required "product_id" is missing',
      ])
      c.reset()
      await post({ batch: [{ type: 'identify', userId: 'U-3', traits: { email: 'a@b.c' } }] })
      c.reset() // forgets the waiting Identify with the rest
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(c.judged()).toEqual([])
    } finally {
      log.mockRestore()
    }
  })
})

describe('conformance walk-through: the Java server against the collector', () => {
  const user = 'U-2001'
  const anonymousId = 'b2c4a9e0-7d1f-4e55-9c3a-3f1d2e4b5a60'
  const who = { userId: user, anonymousId }
  const identify = (traits: Record<string, unknown>): JavaMessage => ({ type: 'identify', ...who, traits })
  const track = (event: string, properties: Record<string, unknown> = {}): JavaMessage => ({ type: 'track', ...who, event, properties })
  const product = { product_id: 'P-1002', sku: 'CE-1002', name: 'Sepsis Early Recognition', price: 39.99, quantity: 1 }
  const licence = { license_type: 'RN', state: 'NC', license_number: 'RN-12345', expiration_date: '2027-06-30' }

  it('a conforming sequence: every event good, the library as analytics-java names it', async () => {
    c = await startCollector({ port: 0 })
    const batches: JavaMessage[][] = [
      [identify({ email: 'nia@example.org', first_name: 'Nia', last_name: 'Okafor' }), track('User Signed Up')],
      [identify({ email: 'nia@example.org' }), track('User Signed In')],
      [identify({ phone: '19195550100' }), track('User Updated Profile', { sections: ['details'] })],
      [identify({}), track('User Updated Profile', { sections: ['password'] })],
      [identify({ licenses: [licence] }), track('User Viewed Licenses', { license_count: 1 })],
      [track('Product Added', { cart_id: 'C-1', ...product })],
      [track('Checkout Started', { order_id: 'O-1', value: 39.99, revenue: 39.99, currency: 'USD', products: [product] })],
      [track('Order Completed', { checkout_id: 'K-1', order_id: 'O-1', subtotal: 39.99, total: 39.99, revenue: 39.99, currency: 'USD', products: [product] })],
    ]
    for (const batch of batches) expect((await sendJavaBatch(javaUploadUrl(c.url), KEY, batch)).status).toBe(200)
    expect(c.events()).toHaveLength(13)
    expect(c.events()[0]!.context).toEqual({ library: { name: 'analytics-java', version: '3.5.5' }, instanceId: expect.any(String) })
    expect(await get(c, '/events?valid=false')).toEqual([])
    expect(c.judged().filter((e) => e.pending)).toEqual([])
    const summary = c.summary()
    expect([summary.good, summary.bad]).toEqual([13, 0])
  })

  it('a broken sequence: each violation reported, nothing lost; check says the same of the NDJSON file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-'))
    const file = path.join(dir, 'events.ndjson')
    c = await startCollector({ port: 0, ndjsonPath: file, identifyWindowMs: 300 })
    const batches: JavaMessage[][] = [
      [identify({ phone: '919-555-0100' }), track('User Updated Profile', { sections: ['details'] })], // a phone with dashes
      [identify({ email: 'nia@example.org', first_name: 'Nia' }), track('User Signed Up')], // a missing trait
      [track('User Signed In'), identify({ email: 'nia@example.org' })], // a Track before its Identify
      [track('Order Placed', { order_id: 'O-1' })], // an unknown event name
    ]
    // `setUploadURL("…/v1/batch")` instead of the default /v1/import/: the collector takes both
    for (const batch of batches) expect((await sendJavaBatch(`${c.apiHost}/batch`, KEY, batch)).status).toBe(200)
    expect(c.events()).toHaveLength(7)
    await new Promise((resolve) => setTimeout(resolve, 500)) // the late Identify's window passes
    const bad = await get<JudgedEvent[]>(c, '/events?valid=false')
    const late = 'Identify not followed by User Signed Up, User Signed In, User Updated Profile or User Viewed Licenses for the same userId within 0.3 s'
    expect(messagesOf(bad)).toEqual([
      ['identify', ['User Updated Profile traits: phone "919-555-0100" does not match ^[0-9]+$']],
      ['identify', ['User Signed Up traits: required "last_name" is missing']],
      ['User Signed In', ['Identify missing before User Signed In']],
      ['identify', [late]],
      ['Order Placed', ['"Order Placed" is not an event of the tracking plan']],
    ])
    expect(bad.map((e) => e.violations.map((v) => v.field))).toEqual([['traits.phone'], ['traits.last_name'], ['userId'], ['userId'], ['event']])
    const summary = c.summary()
    expect([summary.good, summary.bad]).toEqual([2, 5])

    // The same file, checked afterwards as a Java team's CI would (its own window: 30 s, so the late Identify is
    // bad because no Track follows it in the file).
    const out: string[] = []
    const err: string[] = []
    const code = await check([file], { write: (t: string) => out.push(t) }, { write: (t: string) => err.push(t) })
    expect(code).toBe(1)
    expect(out.join('')).toBe(
      [
        `${file}:1: identify: User Updated Profile traits: phone "919-555-0100" does not match ^[0-9]+$`,
        `${file}:3: identify: User Signed Up traits: required "last_name" is missing`,
        `${file}:5: User Signed In: Identify missing before User Signed In`,
        `${file}:6: identify: ${late.replace('0.3 s', '30 s')}`,
        `${file}:7: Order Placed: "Order Placed" is not an event of the tracking plan`,
        '',
      ].join('\n'),
    )
    expect(err.join('')).toBe('7 events checked, 5 bad\n')
  })
})
