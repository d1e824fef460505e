import type { Validation } from './fields'

/**
 * Product Viewed's `value`, price × quantity (quantity 1 by default), added to the properties the plan has
 * coerced unless the event gives one (and only if finite). Rounded to 12 significant digits: 49.99 × 3 is 149.97,
 * not 149.97000000000003.
 */
export function withProductValue(event: string, validation: Validation): Validation {
  const { price, quantity, value } = validation.properties
  if (event === 'Product Viewed' && value === undefined && typeof price === 'number') {
    const total = Number((price * (typeof quantity === 'number' ? quantity : 1)).toPrecision(12))
    if (Number.isFinite(total)) validation.properties.value = total
  }
  return validation
}
