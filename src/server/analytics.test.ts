import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import type { HTTPClientRequest, HTTPResponse } from '@segment/analytics-node'
import { plan, type ServerEventName } from '../plan/events'
import { createServerAnalytics, profileChanges, type ServerAnalytics, type ServerAnalyticsOptions } from './analytics'

const NOW = Date.parse('2025-03-01T12:00:00.000Z')
const at = (ms: number) => new Date(NOW + ms).toISOString()
const USER = 'U-1001'
const ANON = '5f1c1a4e-8a0b-4f43-9c39-2d1e4b6f7a10'

/** A fake HTTP client: answers from a script of statuses (then 200) and records every request. */
function fakeHttp(...statuses: number[]) {
  const requests: HTTPClientRequest[] = []
  const delivered: Array<Record<string, unknown>> = []
  return {
    requests,
    /** The events of the batches answered 2xx, in the order they arrived: what a collector would hold. */
    delivered,
    async makeRequest(request: HTTPClientRequest): Promise<HTTPResponse> {
      requests.push(request)
      const status = statuses.shift() ?? 200
      if (status < 300) delivered.push(...(JSON.parse(request.body) as { batch: Array<Record<string, unknown>> }).batch)
      return { status, statusText: status < 300 ? 'OK' : 'Service Unavailable' }
    },
  }
}

/** What analytics-node adds to every event. */
const envelope = {
  messageId: expect.stringMatching(/^node-next-/),
  integrations: {},
  context: { library: { name: '@segment/analytics-node', version: '3.1.0' } },
  _metadata: { nodeVersion: process.version, jsRuntime: 'node' },
}
const identify = (traits: object, ms: number, ids: object = { userId: USER, anonymousId: ANON }) => ({
  ...envelope,
  type: 'identify',
  ...ids,
  traits,
  timestamp: at(ms),
})
const track = (event: ServerEventName, properties: object, ms: number, ids: object = { userId: USER, anonymousId: ANON }) => ({
  ...envelope,
  type: 'track',
  event,
  ...ids,
  properties,
  timestamp: at(ms),
})

let http: ReturnType<typeof fakeHttp>
let analytics: ServerAnalytics
let warn: MockInstance<typeof console.warn>
let error: MockInstance<typeof console.error>

function start(options: Partial<ServerAnalyticsOptions> = {}, client = fakeHttp()): ServerAnalytics {
  http = client
  analytics = createServerAnalytics({ writeKey: 'server-key', host: 'http://collector.test', flushAt: 100, httpClient: client, ...options })
  return analytics
}
/** Everything sent, once close() has flushed it. */
async function sent() {
  await analytics.close()
  return http.delivered
}
const warnings = () => warn.mock.calls.map((args) => args.join(' '))

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
})
afterEach(async () => {
  await analytics?.close()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('configuration', () => {
  it.each<[string, Partial<ServerAnalyticsOptions>, string]>([
    ['no write key', { writeKey: undefined as unknown as string }, 'createServerAnalytics: a writeKey is required'],
    ['an empty write key', { writeKey: '  ' }, 'createServerAnalytics: a writeKey is required'],
    ['a host that is not a URL', { host: 'collector:8787' }, 'createServerAnalytics: host "collector:8787" is not an http(s) URL'],
    ['a host without a scheme', { host: '127.0.0.1:8787' }, 'is not an http(s) URL'],
    ['flushAt 0', { flushAt: 0 }, 'createServerAnalytics: flushAt 0 is not a whole number of events above 0'],
    ['flushAt 1.5', { flushAt: 1.5 }, 'flushAt 1.5 is not a whole number'],
    ['flushIntervalMs 0', { flushIntervalMs: 0 }, 'createServerAnalytics: flushIntervalMs 0 is not a number of milliseconds above 0'],
    ['flushIntervalMs NaN', { flushIntervalMs: NaN }, 'flushIntervalMs null is not a number'],
  ])('%s is an error at start-up', (_, options, message) => {
    expect(() => createServerAnalytics({ writeKey: 'k', ...options })).toThrow(message)
  })

  it('posts batches to <host>/v1/batch with the write key in Basic auth; a path prefix of a first-party proxy is kept', async () => {
    for (const [host, url] of [
      ['http://collector.test', 'http://collector.test/v1/batch'],
      ['https://academy.example/segment/', 'https://academy.example/segment/v1/batch'],
    ]) {
      start({ host })
      analytics.userSignedIn({ userId: USER, anonymousId: ANON, traits: { email: 'ann@example.org' } })
      await sent()
      expect(http.requests).toHaveLength(1)
      const [request] = http.requests
      expect(request!.url).toBe(url)
      expect(request!.headers).toMatchObject({ 'Content-Type': 'application/json', Authorization: 'Basic ' + btoa('server-key:') })
      expect(JSON.parse(request!.body)).toMatchObject({ writeKey: 'server-key', sentAt: at(0) })
    }
  })

  it('batches: a batch leaves when it holds flushAt events', async () => {
    start({ flushAt: 2, flushIntervalMs: 60_000 })
    analytics.productAdded({ anonymousId: ANON, properties: { product_id: 'P-1' } })
    analytics.productAdded({ anonymousId: ANON, properties: { product_id: 'P-2' } })
    await vi.waitFor(() => expect(http.requests).toHaveLength(1))
    expect(JSON.parse(http.requests[0]!.body).batch).toHaveLength(2)
  })

  it('batches: a batch leaves after flushIntervalMs, even when not full', async () => {
    start({ flushAt: 100, flushIntervalMs: 30 })
    analytics.productAdded({ anonymousId: ANON, properties: { product_id: 'P-1' } })
    await vi.waitFor(() => expect(http.requests).toHaveLength(1))
  })
})

describe('events with an Identify: identify, then track, with the same ids', () => {
  it('User Signed Up', async () => {
    start()
    const outcome = analytics.userSignedUp({
      userId: USER,
      anonymousId: ANON,
      traits: { email: 'ann@example.org', first_name: 'Ann', last_name: 'Lee' },
    })
    expect(outcome).toEqual({ sent: true, violations: [] })
    expect(await sent()).toEqual([
      identify({ email: 'ann@example.org', first_name: 'Ann', last_name: 'Lee' }, 0),
      track('User Signed Up', {}, 1),
    ])
  })

  it('User Signed In', async () => {
    start()
    analytics.userSignedIn({ userId: USER, anonymousId: ANON, traits: { email: 'ann@example.org' } })
    expect(await sent()).toEqual([identify({ email: 'ann@example.org' }, 0), track('User Signed In', {}, 1)])
  })

  it('without the browser anonymous id (no cookie), the userId alone', async () => {
    start()
    analytics.userSignedIn({ userId: USER, traits: { email: 'ann@example.org' } })
    const ids = { userId: USER }
    expect(await sent()).toEqual([identify({ email: 'ann@example.org' }, 0, ids), track('User Signed In', {}, 1, ids)])
  })

  it('User Viewed Licenses: the licences shown as a trait, their count as a property', async () => {
    start()
    const licenses = [
      { license_type: 'RN', state: 'NC', license_number: 'RN-448812', expiration_date: '2026-10-31' },
      { license_type: 'LPN', state: 'SC', license_number: 'LPN-20931', expiration_date: '2025-06-30' },
    ]
    analytics.userViewedLicenses({ userId: USER, anonymousId: ANON, licenses })
    expect(await sent()).toEqual([identify({ licenses }, 0), track('User Viewed Licenses', { license_count: 2 }, 1)])
  })

  it('User Viewed Licenses with none: an empty list and a count of 0', async () => {
    start()
    analytics.userViewedLicenses({ userId: USER, anonymousId: ANON, licenses: [] })
    expect(await sent()).toEqual([identify({ licenses: [] }, 0), track('User Viewed Licenses', { license_count: 0 }, 1)])
  })

  it('timestamps keep increasing from one call to the next, even within a millisecond', async () => {
    start()
    analytics.userSignedIn({ userId: USER, anonymousId: ANON, traits: { email: 'ann@example.org' } })
    analytics.productAdded({ userId: USER, anonymousId: ANON, properties: { product_id: 'P-1' } })
    expect((await sent()).map((e) => e.timestamp)).toEqual([at(0), at(1), at(2)])
  })
})

describe('User Updated Profile: only what changed', () => {
  const before = {
    email: 'ann@example.org',
    first_name: 'Ann',
    last_name: 'Lee',
    phone: '919-555-0100',
    company_name: 'Wake Med',
    password: '$2a$10$oldhash',
    credit_card: { last4: '4242', expires: '2026-04' },
  }

  it('details: the changed traits only, phone as digits, sections ["details"]', async () => {
    start()
    analytics.userUpdatedProfile({
      userId: USER,
      anonymousId: ANON,
      before,
      after: { ...before, last_name: 'Lee-Park', phone: '+1 (919) 555-0199' },
    })
    expect(await sent()).toEqual([
      identify({ last_name: 'Lee-Park', phone: '19195550199' }, 0),
      track('User Updated Profile', { sections: ['details'] }, 1),
    ])
  })

  it('a phone written differently with the same digits is not a change', async () => {
    start()
    const outcome = analytics.userUpdatedProfile({ userId: USER, before, after: { ...before, phone: '(919) 555 0100' } })
    expect(outcome).toEqual({ sent: false, violations: ['User Updated Profile: nothing changed; not sent'] })
    expect(warnings()).toEqual([])
    expect(await sent()).toEqual([])
  })

  it('password: an Identify without traits, sections ["password"], and never the password', async () => {
    start()
    analytics.userUpdatedProfile({ userId: USER, anonymousId: ANON, before, after: { ...before, password: 'n3w-Passw0rd!' } })
    expect(await sent()).toEqual([identify({}, 0), track('User Updated Profile', { sections: ['password'] }, 1)])
    expect(http.requests.map((r) => r.body).join()).not.toMatch(/n3w-Passw0rd|oldhash/) // cannot occur in a random id
  })

  it('credit card: sections ["credit_card"], and never the card', async () => {
    start()
    analytics.userUpdatedProfile({
      userId: USER,
      anonymousId: ANON,
      before,
      after: { ...before, credit_card: { number: '4111 1111 1111 1111', cvv: '737', last4: '1111', expires: '2029-01' } },
    })
    expect(await sent()).toEqual([identify({}, 0), track('User Updated Profile', { sections: ['credit_card'] }, 1)])
    expect(JSON.stringify(http.delivered.map((e) => [e.traits, e.properties]))).not.toMatch(/4111|737|1111|2029/)
  })

  it('everything at once: all three sections, in the order of the account page', async () => {
    start()
    analytics.userUpdatedProfile({
      userId: USER,
      anonymousId: ANON,
      before,
      after: { ...before, company_name: 'Duke Health', password: 'x', credit_card: 'tok_visa_2' },
    })
    expect(await sent()).toEqual([
      identify({ company_name: 'Duke Health' }, 0),
      track('User Updated Profile', { sections: ['details', 'password', 'credit_card'] }, 1),
    ])
  })

  it.each<[string, Record<string, unknown>, Record<string, unknown>, ReturnType<typeof profileChanges>]>([
    ['a new trait', {}, { first_name: 'Ann' }, { traits: { first_name: 'Ann' }, sections: ['details'], violations: [] }],
    ['a trait emptied: details changed, no value to send', { company_name: 'Wake Med' }, { company_name: '' }, { traits: {}, sections: ['details'], violations: [] }],
    ['fields that are not traits are ignored', { id: 1, updated_at: 'a' }, { id: 2, updated_at: 'b' }, { traits: {}, sections: [], violations: [] }],
    ['a password set where there was none', {}, { password: 'h' }, { traits: {}, sections: ['password'], violations: [] }],
    ['a card compared deeply', { credit_card: { last4: '1' } }, { credit_card: { last4: '1' } }, { traits: {}, sections: [], violations: [] }],
    [
      'values are coerced as the tag coerces them; a phone without digits is no phone',
      { email: 'a@b.c' },
      { email: 42, phone: 'none' },
      { traits: { email: '42' }, sections: ['details'], violations: [] },
    ],
    [
      'a new value of the wrong type',
      { first_name: 'Ann' },
      { first_name: { nested: true } },
      { traits: {}, sections: ['details'], violations: ['User Updated Profile traits: first_name [object] is not a string; dropped'] },
    ],
  ])('profileChanges: %s', (_, before, after, expected) => {
    expect(profileChanges(before, after)).toEqual(expected)
  })
})

describe('commerce events: track only', () => {
  const product = { product_id: 'P-1002', sku: 'CE-1002', name: 'Sepsis Early Recognition', category: 'Nursing CE', price: 39.99, quantity: 1 }

  it('Product Added, by an anonymous visitor', async () => {
    start()
    analytics.productAdded({ anonymousId: ANON, properties: { cart_id: 'CART-9', ...product } })
    expect(await sent()).toEqual([track('Product Added', { cart_id: 'CART-9', ...product }, 0, { anonymousId: ANON })])
  })

  it('Product Removed, by a signed-in user', async () => {
    start()
    analytics.productRemoved({ userId: USER, anonymousId: ANON, properties: { cart_id: 'CART-9', ...product } })
    expect(await sent()).toEqual([track('Product Removed', { cart_id: 'CART-9', ...product }, 0)])
  })

  it('Checkout Started', async () => {
    start()
    const properties = { order_id: 'O-77', value: 39.99, revenue: 39.99, shipping: 0, tax: 0, discount: 0, coupon: 'SPRING', currency: 'USD', products: [product] }
    analytics.checkoutStarted({ userId: USER, anonymousId: ANON, properties })
    expect(await sent()).toEqual([track('Checkout Started', properties, 0)])
  })

  it('Order Completed', async () => {
    start()
    const properties = {
      checkout_id: 'CHK-77',
      order_id: 'O-77',
      subtotal: 39.99,
      total: 39.99,
      revenue: 39.99,
      shipping: 0,
      tax: 0,
      discount: 0,
      currency: 'USD',
      products: [product],
    }
    analytics.orderCompleted({ userId: USER, properties })
    expect(await sent()).toEqual([track('Order Completed', properties, 0, { userId: USER })])
  })

  it('values are coerced to the plan types, like the tag does', async () => {
    start()
    analytics.productAdded({ anonymousId: ANON, properties: { product_id: 1002, price: '39.99', quantity: '2' } as never })
    expect(await sent()).toEqual([track('Product Added', { product_id: '1002', price: 39.99, quantity: 2 }, 0, { anonymousId: ANON })])
  })
})

describe('invalid input: not sent (or the bad value dropped), logged, returned; never thrown', () => {
  it.each<[string, (a: ServerAnalytics) => unknown, string[]]>([
    ['an Identify without a userId', (a) => a.userSignedIn({ anonymousId: ANON, traits: { email: 'a@b.c' } } as never), ['User Signed In: a userId is required; not sent']],
    ['a blank userId', (a) => a.userSignedIn({ userId: ' ', traits: { email: 'a@b.c' } }), ['User Signed In: userId " " is not an id; ignored', 'User Signed In: a userId is required; not sent']],
    ['a commerce event without any id', (a) => a.productAdded({ properties: { product_id: 'P-1' } } as never), ['Product Added: a userId or an anonymousId is required; not sent']],
    [
      'a missing required trait',
      (a) => a.userSignedUp({ userId: USER, traits: { email: 'a@b.c', first_name: 'Ann' } } as never),
      ['User Signed Up traits: required "last_name" is missing'],
    ],
    ['a missing product_id', (a) => a.productRemoved({ anonymousId: ANON, properties: { name: 'x' } } as never), ['Product Removed: required "product_id" is missing']],
    ['no argument at all', (a) => (a.orderCompleted as (x?: unknown) => unknown)(), ['Order Completed: a userId or an anonymousId is required; not sent']],
    [
      'an argument that throws when read',
      (a) =>
        a.productAdded(
          new Proxy({} as never, {
            get() {
              throw new Error('boom')
            },
          }),
        ),
      ['Product Added: the call could not be read (boom); not sent'],
    ],
  ])('%s', async (_, call, violations) => {
    start()
    let outcome: unknown
    expect(() => (outcome = call(analytics))).not.toThrow()
    expect(outcome).toEqual({ sent: false, violations })
    expect(warnings()).toEqual(violations.map((v) => `[academy-analytics] ${v}`))
    expect(await sent()).toEqual([])
  })

  it('a value the plan does not know, or of the wrong type, is dropped with a warning; the rest is sent', async () => {
    start()
    const outcome = analytics.productAdded({
      anonymousId: ANON,
      properties: { product_id: 'P-1', price: 'free', colour: 'red', products: [] } as never,
    })
    const violations = [
      'Product Added: price "free" is not a number; dropped',
      'Product Added: "colour" is not a property of Product Added in the plan; dropped',
      'Product Added: "products" is not a property of Product Added in the plan; dropped',
    ]
    expect(outcome).toEqual({ sent: true, violations })
    expect(warnings()).toEqual(violations.map((v) => `[academy-analytics] ${v}`))
    expect(await sent()).toEqual([track('Product Added', { product_id: 'P-1' }, 0, { anonymousId: ANON })])
  })

  it('after close(), nothing more is sent', async () => {
    start()
    await analytics.close()
    expect(analytics.userSignedIn({ userId: USER, traits: { email: 'a@b.c' } })).toEqual({
      sent: false,
      violations: ['User Signed In: close() was called; not sent'],
    })
    expect(http.requests).toEqual([])
  })
})

describe('secrets never leave, whatever the caller passes', () => {
  const CARD = '4111 1111 1111 1111'
  const secrets = /4111|hunter2|737|"password":|cvv|card|s3cr3t|tok_|ann@example\.org/i

  it('password, CVV and card-number keys, at any depth, and card numbers in any value', async () => {
    start()
    analytics.userSignedUp({
      userId: USER,
      anonymousId: ANON,
      traits: { email: 'a@b.c', first_name: 'Ann', last_name: CARD, password: 'hunter2', cvv: '737', card_number: CARD } as never,
    })
    analytics.userUpdatedProfile({
      userId: USER,
      before: {},
      after: { first_name: `card ${CARD} 737`, company_name: '4111111111111111', password: 'hunter2', cvv: '737', card_number: CARD },
    })
    analytics.orderCompleted({
      userId: USER,
      properties: {
        order_id: 'O-1',
        coupon: '4111-1111-1111-1111',
        total: 4111111111111111,
        password: 'hunter2',
        payment: { card_number: CARD, cvv: '737' },
        products: [
          { product_id: 'P-1', name: `${CARD}`, variant: 'x', cvv: '737', card: { number: CARD } },
          { product_id: CARD, name: 'a course whose id is a card number' },
        ],
      } as never,
    })
    analytics.productAdded({
      anonymousId: ANON,
      properties: {
        product_id: 'P-1',
        url: 'https://academy.example/p/P-1?token=s3cr3t&ref=mail&email=ann%40example.org',
        image_url: 'https://cdn.example/i.png?api_key=tok_123',
      } as never,
    })
    const events = await sent()
    expect(JSON.stringify(events.map(({ messageId, ...event }) => event))).not.toMatch(secrets) // a random id could hold 737
    // The plan requires last_name: with the card number dropped, User Signed Up is not sent at all.
    expect(events.map((e) => e.event ?? e.type)).toEqual(['identify', 'User Updated Profile', 'Order Completed', 'Product Added'])
    expect(events.map((e) => e.traits ?? e.properties)).toEqual([
      {},
      { sections: ['details', 'password'] }, // the password 'changed' (from none): compared, never sent
      { order_id: 'O-1', products: [{ product_id: 'P-1', variant: 'x' }] },
      { product_id: 'P-1', url: 'https://academy.example/p/P-1?ref=mail', image_url: 'https://cdn.example/i.png' },
    ])
    // Nor do the logs quote a card number.
    expect(warnings().join('\n')).not.toMatch(/4111/)
    expect(warnings()).toContain('[academy-analytics] User Signed Up traits: last_name looks like a payment card number; dropped')
    expect(warnings()).toContain('[academy-analytics] Order Completed: products[1].product_id looks like a payment card number; dropped')
    expect(warnings()).toContain('[academy-analytics] Order Completed: products[1] is missing required "product_id"; dropped')
  })

  it('the plan itself has no field that could carry a password or a card', () => {
    const names = (fields: object): string[] =>
      Object.entries(fields).flatMap(([key, field]) => [
        key,
        ...('properties' in field ? names(field.properties) : []),
        ...('items' in field && 'properties' in field.items ? names(field.items.properties) : []),
      ])
    const server = Object.values(plan).filter((spec) => spec.side === 'server')
    const all = server.flatMap((spec) => [...names(spec.properties), ...('traits' in spec ? names(spec.traits) : [])])
    expect(all.length).toBeGreaterThan(30)
    expect(all.filter((name) => /pass|pwd|cvv|cvc|card|\bpan\b|secret|token/i.test(name))).toEqual([])
  })
})

describe('order at the collector', () => {
  it('an Identify and its Track split across two batches, the first failing with 503: still identify, then track', async () => {
    vi.useRealTimers()
    start({ flushAt: 2, flushIntervalMs: 60_000 }, fakeHttp(503))
    analytics.productAdded({ userId: USER, anonymousId: ANON, properties: { product_id: 'P-1' } })
    analytics.userSignedIn({ userId: USER, anonymousId: ANON, traits: { email: 'ann@example.org' } })
    analytics.orderCompleted({ userId: USER, anonymousId: ANON, properties: { order_id: 'O-1' } })
    await analytics.close()
    // [Product Added, identify] failed once and was retried before [User Signed In, Order Completed] left.
    expect(http.requests.map((r) => (JSON.parse(r.body).batch as Array<{ event?: string }>).map((e) => e.event ?? 'identify'))).toEqual([
      ['Product Added', 'identify'],
      ['Product Added', 'identify'],
      ['User Signed In', 'Order Completed'],
    ])
    expect(http.requests[1]!.headers['X-Retry-Count']).toBe('1')
    expect(http.delivered.map((e) => e.event ?? e.type)).toEqual(['Product Added', 'identify', 'User Signed In', 'Order Completed'])
    expect(error).not.toHaveBeenCalled()
  })

  it('a batch the collector refuses (401) is logged as not delivered, event by event; the next still goes', async () => {
    vi.useRealTimers()
    start({ flushAt: 1 }, fakeHttp(401))
    analytics.productAdded({ anonymousId: ANON, properties: { product_id: 'P-1' } })
    analytics.productRemoved({ anonymousId: ANON, properties: { product_id: 'P-1' } })
    await analytics.close()
    expect(http.delivered.map((e) => e.event)).toEqual(['Product Removed'])
    expect(error.mock.calls.map((args) => args.join(' '))).toEqual([
      '[academy-analytics] track "Product Added" was not delivered: HTTP 401 Service Unavailable from http://collector.test/v1/batch; not retried',
    ])
  })
})
