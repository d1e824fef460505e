import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { matches, startAnalyticsCollector, type AnalyticsCollector } from './index'

let analytics: AnalyticsCollector
const send = (path: string, body: object) =>
  fetch(`${analytics.apiHost}/${path}`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ writeKey: 'demo-write-key', ...body }) })

beforeEach(async () => {
  analytics = await startAnalyticsCollector({ port: 0 })
})
afterEach(() => analytics.stop())

describe('startAnalyticsCollector', () => {
  it('waits for an event with matching properties, and resolves with it', async () => {
    const expected = analytics.expectEvent('Product Clicked', { product_id: 'P-1', products: [{ position: expect.any(Number) }] })
    await send('t', { type: 'track', event: 'Product Clicked', properties: { product_id: 'P-2', products: [{ position: 1 }] } })
    await send('t', { type: 'track', event: 'Product Clicked', properties: { product_id: 'P-1', list_id: 'l', products: [{ product_id: 'x', position: 2 }] } })
    expect((await expected).properties).toEqual({ product_id: 'P-1', list_id: 'l', products: [{ product_id: 'x', position: 2 }] })
    await send('p', { type: 'page', properties: { path: '/catalog' } })
    expect((await analytics.expectEvent('Page View', { path: '/catalog' })).type).toBe('page')
    expect(analytics.events().map((e) => e.type)).toEqual(['track', 'track', 'page'])
  })

  it('fails with the list of what did arrive', async () => {
    await send('t', { type: 'track', event: 'Product Clicked', properties: { product_id: 'P-2' } })
    await expect(analytics.expectEvent('Product Clicked', { product_id: 'P-1' }, { timeout: 200 })).rejects.toThrow(
      'No "Product Clicked" event with properties matching {"product_id":"P-1"} within 200 ms. 1 event arrived:\n  1. Product Clicked {"product_id":"P-2"}',
    )
  })
})

describe('matches', () => {
  it('is a partial deep match, like toMatchObject', () => {
    expect(matches({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 2 } })).toBe(true)
    expect(matches({ a: [1, 2] }, { a: [1] })).toBe(false)
    expect(matches({ a: [{ x: 1, y: 2 }] }, { a: [{ x: 1 }] })).toBe(true)
    expect(matches({ a: '1' }, { a: 1 })).toBe(false)
    expect(matches({ a: null }, { a: {} })).toBe(false)
    expect(matches({ a: 'P-1' }, { a: expect.stringMatching(/^P-/) })).toBe(true)
  })
})

describe('violations and expectNoViolations', () => {
  it('list what the collector judged bad, in the plan\'s words, and fail a test on any', async () => {
    await send('t', { type: 'track', event: 'Product Clicked', properties: { product_id: 'P-1' } })
    expect(analytics.violations()).toEqual([])
    analytics.expectNoViolations()
    await send('b', {
      batch: [
        { type: 'identify', userId: 'U-1', traits: { email: 'a@b.c' } }, // waits for its Track: not yet a violation
        { type: 'track', event: 'User Signed In', userId: 'U-2' },
        { type: 'track', event: 'Product Clicked', properties: { product_id: 'P-1', price: 'free' } },
      ],
    })
    expect(analytics.violations()).toEqual([
      { position: 3, event: 'User Signed In', field: 'userId', rule: 'follows its Identify', message: 'Identify missing before User Signed In' },
      { position: 4, event: 'Product Clicked', field: 'properties.price', rule: 'is not a number', message: 'Product Clicked: price "free" is not a number' },
    ])
    expect(() => analytics.expectNoViolations()).toThrow(
      '2 violations of the tracking plan:\n  3. User Signed In: Identify missing before User Signed In\n  4. Product Clicked: price "free" is not a number\n4 events arrived:',
    )
    analytics.reset()
    analytics.expectNoViolations()
  })
})
