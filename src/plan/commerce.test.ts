import { describe, expect, it } from 'vitest'
import { finishCommerceEvent } from './commerce'
import { secretParams } from './privacy'

const finish = (event: string, properties: Record<string, unknown>) => {
  finishCommerceEvent(event, properties, secretParams(['affiliate']))
  return properties
}

describe('finishCommerceEvent', () => {
  it('gives Product Viewed its value: price × quantity, quantity 1 by default', () => {
    expect(finish('Product Viewed', { product_id: 'P-1', price: 49.99, currency: 'USD' })).toStrictEqual({
      product_id: 'P-1',
      price: 49.99,
      currency: 'USD',
      value: 49.99,
    })
    expect(finish('Product Viewed', { product_id: 'P-1', price: 49.99, quantity: 3 }).value).toBe(149.97)
    expect(finish('Product Viewed', { product_id: 'P-1', price: 0.1, quantity: 3 }).value).toBe(0.3)
    expect(finish('Product Viewed', { product_id: 'P-1', price: 10, quantity: 0 }).value).toBe(0)
  })

  it('keeps a given value, and adds none without a price or to other events', () => {
    expect(finish('Product Viewed', { product_id: 'P-1', price: 10, value: 8 }).value).toBe(8)
    expect(finish('Product Viewed', { product_id: 'P-1', quantity: 2 })).toStrictEqual({ product_id: 'P-1', quantity: 2 })
    expect(finish('Product Clicked', { product_id: 'P-1', price: 10 })).toStrictEqual({ product_id: 'P-1', price: 10 })
  })

  it('scrubs secrets from product URLs, of the event and of each of its products', () => {
    expect(finish('Product Clicked', { product_id: 'P-1', url: 'https://a.example/p?id=1&token=abc&affiliate=x' }).url).toBe('https://a.example/p?id=1')
    expect(
      finish('Product List Viewed', {
        list_id: 'l',
        products: [{ product_id: 'P-1', url: 'https://a.example/p?email=jane%40example.com', image_url: 'https://a.example/i.png?key=1' }],
      }),
    ).toStrictEqual({ list_id: 'l', products: [{ product_id: 'P-1', url: 'https://a.example/p', image_url: 'https://a.example/i.png' }] })
  })
})
