import { describe, expect, it } from 'vitest'
import { withProductValue } from './commerce'
import { validateEvent } from './validate'

/** The properties an event is sent with: validated and coerced by the plan, then given its value. */
const sent = (event: string, properties: Record<string, unknown>) => withProductValue(event, validateEvent(event, properties, 'client')).properties

describe('withProductValue', () => {
  it('gives Product Viewed its value from the coerced price and quantity, quantity 1 by default', () => {
    expect(sent('Product Viewed', { product_id: 'P-1', price: '49.99', currency: 'USD' })).toStrictEqual({
      product_id: 'P-1',
      price: 49.99,
      currency: 'USD',
      value: 49.99,
    })
    expect(sent('Product Viewed', { product_id: 'P-1', price: '49.99', quantity: '3' }).value).toBe(149.97)
    expect(sent('Product Viewed', { product_id: 'P-1', price: 0.1, quantity: 3 }).value).toBe(0.3)
    expect(sent('Product Viewed', { product_id: 'P-1', price: '10', quantity: '0' }).value).toBe(0)
  })

  it('keeps a given value; no value without a valid price, nor for other events', () => {
    expect(sent('Product Viewed', { product_id: 'P-1', price: 10, value: '8' }).value).toBe(8)
    expect(sent('Product Viewed', { product_id: 'P-1', price: '$10', quantity: 2 })).toStrictEqual({ product_id: 'P-1', quantity: 2 })
    // A bad quantity is dropped by the plan: the value is the price.
    expect(sent('Product Viewed', { product_id: 'P-1', price: 10, quantity: 'two' }).value).toBe(10)
    expect(sent('Product Clicked', { product_id: 'P-1', price: 10 })).toStrictEqual({ product_id: 'P-1', price: 10 })
    // Past the largest number: no value rather than one that JSON would turn into null.
    expect(sent('Product Viewed', { product_id: 'P-1', price: '1e308', quantity: '10' })).toStrictEqual({ product_id: 'P-1', price: 1e308, quantity: 10 })
  })
})
