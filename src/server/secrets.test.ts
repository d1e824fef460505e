import { describe, expect, it } from 'vitest'
import { withoutCardNumbers, withoutSecrets } from './secrets'

const clean = (value: unknown) => {
  const violations: string[] = []
  return { value: withoutSecrets(value, 'Order Completed', violations), violations }
}

describe('withoutSecrets', () => {
  it.each([
    ['4111111111111111'], // Visa
    ['4111 1111 1111 1111'],
    ['4111-1111-1111-1111'],
    ['5555 5555 5555 4444'], // Mastercard
    ['2223 0031 2200 3222'], // Mastercard 2-series
    ['3782 822463 10005'], // Amex, 4-6-5
    ['6011 1111 1111 1117'], // Discover
    ['4222222222222'], // 13 digits
    ['card 4111 1111 1111 1111 exp 12/29'],
    ['4111 1111 1111 1111 737'], // with the CVV typed after it
    ['paid with 4111111111111111.'],
  ])('drops a value holding a card number: %s', (text) => {
    expect(clean({ coupon: text, order_id: 'O-1' })).toEqual({
      value: { order_id: 'O-1' },
      violations: ['Order Completed: coupon looks like a payment card number; dropped'],
    })
  })

  it('drops a card number given as a number, and one nested in a list', () => {
    expect(clean({ total: 4111111111111111, products: [{ product_id: 'P-1', sku: '5555555555554444' }] })).toEqual({
      value: { products: [{ product_id: 'P-1' }] },
      violations: [
        'Order Completed: total looks like a payment card number; dropped',
        'Order Completed: products[0].sku looks like a payment card number; dropped',
      ],
    })
  })

  it.each([
    ['a number that fails the Luhn check', '4111111111111112'],
    ['a millisecond timestamp (13 digits that pass the Luhn check, but no card network starts with 1)', '1740830400008'],
    ['a long reference (more than 19 digits in one group)', '41111111111111111111111'],
    ['a phone number', '19195550142'],
    ['a price', 49.99],
    ['a date', '2026-10-31'],
  ])('keeps %s', (_, value) => {
    expect(clean({ order_id: value })).toEqual({ value: { order_id: value }, violations: [] })
  })

  it('scrubs secret parameters and e-mail addresses from url and image_url', () => {
    expect(
      clean({ products: [{ url: 'https://academy.example/p?id=P-1&token=abc&email=a%40b.org', image_url: 'https://cdn.example/a.png?api_key=k' }] }).value,
    ).toEqual({ products: [{ url: 'https://academy.example/p?id=P-1', image_url: 'https://cdn.example/a.png' }] })
  })
})

describe('withoutCardNumbers (log lines)', () => {
  it('replaces each card number in a line and keeps everything else', () => {
    expect(withoutCardNumbers('price "4111 1111 1111 1111" is not a number; order 1740830400008')).toBe(
      'price "[redacted]" is not a number; order 1740830400008',
    )
  })
})
