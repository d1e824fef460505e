import { describe, expect, it } from 'vitest'
import { withinLimit } from './delivery'

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length
const product = (i: number) => ({ product_id: `P-${i}`, name: 'A course with a long enough name '.repeat(4), position: i + 1 })

describe('withinLimit', () => {
  it('sends properties that fit as they are', () => {
    const properties = { list_id: 'l', products: [product(0)] }
    expect(withinLimit(properties)).toEqual([properties])
  })

  it("splits a list of products too long for Segment's 32 KB into events that fit, in order, with the same other properties", () => {
    const products = Array.from({ length: 500 }, (_, i) => product(i))
    const parts = withinLimit({ list_id: 'catalog', category: 'Nursing', products })
    expect(parts.length).toBeGreaterThan(1)
    for (const part of parts) {
      expect(bytes(part)).toBeLessThanOrEqual(28 * 1024)
      expect(part).toMatchObject({ list_id: 'catalog', category: 'Nursing' })
    }
    expect(parts.flatMap((part) => part.products as unknown[])).toEqual(products)
  })

  it('refuses what cannot be split to fit', () => {
    expect(withinLimit({ promotion_id: 'p', name: 'x'.repeat(40_000) })).toEqual([])
    expect(withinLimit({ list_id: 'l', products: [{ product_id: 'P', name: 'x'.repeat(40_000) }] })).toEqual([])
  })
})
