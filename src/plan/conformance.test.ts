import { describe, expect, it } from 'vitest'
import { createReferee, eventViolations, IDENTIFIED, sideOf, type Verdict } from './conformance'

const java = { library: { name: 'analytics-java', version: '3.5.5' } }
const browser = { library: { name: 'analytics.js', version: 'npm:next-1.84.3' } }
const track = (event: string, properties: object = {}, more: object = {}) => ({ type: 'track', event, properties, context: java, ...more })
const identify = (userId: string, traits: object, more: object = {}) => ({ type: 'identify', userId, traits, context: java, ...more })
const messages = (event: object) => eventViolations(event as Record<string, unknown>).map((v) => v.message)

describe('eventViolations: the plan in its own words', () => {
  it('finds nothing wrong with events of the plan', () => {
    expect(messages(track('Product Added', { cart_id: 'c', product_id: 'P-1', price: 12.5, quantity: 1 }))).toEqual([])
    expect(messages({ type: 'page', properties: { path: '/', url: 'http://x/' }, context: browser })).toEqual([])
    expect(messages({ type: 'identify', userId: 'U-1', anonymousId: 'a', traits: {}, context: browser })).toEqual([])
    expect(messages({ type: 'identify', userId: 'U-1', anonymousId: 'a', context: browser })).toEqual([])
  })

  it('names the field and the rule of each violation, as the tag does but without "dropped"', () => {
    const [price, unknown] = eventViolations(track('Product Added', { product_id: 'P-1', price: 'twelve', colour: 'red' }))
    expect(price).toEqual({ field: 'properties.price', rule: 'is not a number', message: 'Product Added: price "twelve" is not a number' })
    expect(unknown).toEqual({ field: 'properties.colour', rule: 'is not in the plan', message: 'Product Added: "colour" is not a property of Product Added in the plan' })
    expect(eventViolations(track('Product Added', {}))).toEqual([
      { field: 'properties.product_id', rule: 'is required', message: 'Product Added: required "product_id" is missing' },
    ])
    expect(eventViolations(track('Checkout Started', { products: [{ product_id: 'P', quantity: 1.5, extra: 1 }] }))).toEqual([
      { field: 'properties.products[0].quantity', rule: 'is not an integer', message: 'Checkout Started: products[0].quantity 1.5 is not an integer' },
      { field: 'properties.products[0].extra', rule: 'is not in the plan', message: 'Checkout Started: "extra" is not a property of products[0] in the plan' },
    ])
    expect(eventViolations(track('Product Added', ['P-1']))).toEqual([
      { field: 'properties', rule: 'is not an object', message: 'Product Added: the properties [array] are not an object' },
      { field: 'properties.product_id', rule: 'is required', message: 'Product Added: required "product_id" is missing' },
    ])
    expect(eventViolations(identify('U-1', { phone: '919-555-0100' }))).toEqual([
      { field: 'traits.phone', rule: 'does not match ^[0-9]+$', message: 'Identify traits: phone "919-555-0100" does not match ^[0-9]+$' },
    ])
  })

  it('holds values to their JSON type: what the tag would coerce is bad here', () => {
    expect(eventViolations(track('Product Added', { product_id: 42, price: '12.50', quantity: '2' }))).toEqual([
      { field: 'properties.product_id', rule: 'is not of type string', message: 'Product Added: product_id 42 is not of type string' },
      { field: 'properties.price', rule: 'is not of type number', message: 'Product Added: price "12.50" is not of type number' },
      { field: 'properties.quantity', rule: 'is not of type integer', message: 'Product Added: quantity "2" is not of type integer' },
    ])
    expect(messages(track('Product Added', { product_id: 'P', price: null }))).toEqual(['Product Added: price null is not of type number'])
    expect(messages(track('Checkout Started', { products: [{ product_id: 'P', price: '1' }] }))).toEqual([
      'Checkout Started: products[0].price "1" is not of type number',
    ])
  })

  it('refuses names the plan does not have, page calls as tracks, and calls the plan has no rule for', () => {
    expect(eventViolations(track('Order Placed'))).toEqual([
      { field: 'event', rule: 'is not an event of the tracking plan', message: '"Order Placed" is not an event of the tracking plan' },
    ])
    expect(messages(track('Logout'))).toEqual(['"Logout" is not a tracked event: it calls analytics.reset(), never track()'])
    expect(messages(track('Page View'))).toEqual(['"Page View" is a page call, never track()'])
    expect(messages({ type: 'track', properties: {} })).toEqual(['a track call without an event name'])
    expect(eventViolations({ type: 'group', groupId: 'g' })).toEqual([{ field: 'type', rule: 'is not in the plan', message: 'a group call is not in the tracking plan' }])
  })

  it('knows the side by the library: the tag never sends server events, a server never sends client ones', () => {
    expect(sideOf({ context: browser })).toBe('client')
    expect(sideOf({ context: java })).toBe('server')
    expect(sideOf({})).toBeUndefined()
    expect(messages(track('Order Completed', {}, { context: browser }))).toEqual(['"Order Completed" is a server-side event; the tag does not send it'])
    expect(messages(track('Product Clicked', { product_id: 'P' }))).toEqual(['"Product Clicked" is a client-side event; the server does not send it'])
    expect(messages(track('Product Clicked', { product_id: 'P' }, { context: undefined }))).toEqual([])
  })
})

describe('createReferee: Identify before Track', () => {
  const run = (events: object[], windowMs?: number, times?: number[]) => {
    const referee = createReferee(windowMs)
    const verdicts = new Map<number, Verdict>()
    events.forEach((e, i) => referee.add(e as Record<string, unknown>, times?.[i] ?? 1000 + i).forEach((v) => verdicts.set(v.index, v)))
    referee.expire(Infinity).forEach((v) => verdicts.set(v.index, v))
    return events.map((_, i) => verdicts.get(i)!.violations.map((v) => v.message))
  }

  it('has the four rows with an Identify', () => {
    expect(IDENTIFIED).toEqual(['User Signed Up', 'User Signed In', 'User Updated Profile', 'User Viewed Licenses'])
  })

  it('pairs each Track with the Identify before it, judged by the row\'s own traits', () => {
    expect(
      run([
        identify('U-1', { email: 'a@b.c', first_name: 'A', last_name: 'B' }),
        track('User Signed Up', {}, { userId: 'U-1' }),
        identify('U-1', {}), // a profile update that changed the password alone
        track('User Updated Profile', { sections: ['password'] }, { userId: 'U-1' }),
      ]),
    ).toEqual([[], [], [], []])
    expect(run([identify('U-1', { email: 'a@b.c', first_name: 'A' }), track('User Signed Up', {}, { userId: 'U-1' })])).toEqual([
      ['User Signed Up traits: required "last_name" is missing'],
      [],
    ])
    expect(run([identify('U-1', { email: 'a@b.c', first_name: 'A' }), track('User Signed In', {}, { userId: 'U-1' })])[0]).toEqual([
      'User Signed In traits: "first_name" is not a property of User Signed In traits in the plan',
    ])
  })

  it('calls a Track without its Identify bad, and an Identify without its Track', () => {
    const window = 'Identify not followed by User Signed Up, User Signed In, User Updated Profile or User Viewed Licenses for the same userId within 30 s'
    expect(run([track('User Signed In', {}, { userId: 'U-1' }), identify('U-1', { email: 'a@b.c' })])).toEqual([['Identify missing before User Signed In'], [window]])
    expect(run([identify('U-2', { email: 'a@b.c' }), track('User Signed In', {}, { userId: 'U-1' })])).toEqual([[window], ['Identify missing before User Signed In']])
    expect(run([identify('U-1', { email: 'a@b.c' }), track('User Signed In')])[1]).toEqual(['Identify missing before User Signed In'])
    // one Identify, one Track
    expect(run([identify('U-1', { email: 'a@b.c' }), track('User Signed In', {}, { userId: 'U-1' }), track('User Signed In', {}, { userId: 'U-1' })])[2]).toEqual([
      'Identify missing before User Signed In',
    ])
    // an Identify before an event that has none
    expect(run([identify('U-1', { email: 'a@b.c' }), track('Product Added', { product_id: 'P' }, { userId: 'U-1' })])).toEqual([[window], []])
  })

  it('lets the tag\'s identify stand alone, and never pairs a Track with it', () => {
    const tag = { type: 'identify', userId: 'U-1', anonymousId: 'a', traits: {}, context: browser }
    expect(run([tag])).toEqual([[]])
    expect(run([tag, track('User Signed In', {}, { userId: 'U-1' })])).toEqual([[], ['Identify missing before User Signed In']])
  })

  it('gives the Track the window to arrive in, and no more', () => {
    const pair = [identify('U-1', { email: 'a@b.c' }), track('User Signed In', {}, { userId: 'U-1' })]
    expect(run(pair, 30_000, [0, 30_000])).toEqual([[], []])
    expect(run(pair, 30_000, [0, 30_001])[1]).toEqual(['Identify missing before User Signed In'])
    expect(run(pair, 1500, [0, 1501])[0]).toEqual([expect.stringMatching(/within 1\.5 s$/)])
  })

  it('settles a late Identify as soon as its window passes', () => {
    const referee = createReferee(1000)
    expect(referee.add(identify('U-1', { email: 'a@b.c' }), 0)).toEqual([{ index: 0, valid: true, violations: [], pending: true }])
    expect(referee.expire(1000)).toEqual([])
    expect(referee.expire(1001)).toEqual([
      { index: 0, valid: false, violations: [expect.objectContaining({ field: 'userId', rule: 'is followed by its Track' })], pending: false },
    ])
    expect(referee.expire(5000)).toEqual([])
  })

  it('calls a Track stamped before its Identify bad', () => {
    const stamped = (t: string) => ({ timestamp: t, userId: 'U-1' })
    const events = [identify('U-1', { email: 'a@b.c' }, stamped('2026-01-01T00:00:01.000Z')), track('User Signed In', {}, stamped('2026-01-01T00:00:00.999Z'))]
    expect(run(events)).toEqual([[], ['User Signed In is timestamped before its Identify']])
  })
})
