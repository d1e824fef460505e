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
