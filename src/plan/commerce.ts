/** What commerce events carry beyond what the page wrote, computed on properties the plan has already coerced. */
import { scrubUrl } from './privacy'

const URLS = ['url', 'image_url'] as const

/**
 * Finishes a validated event in place: product URLs (of the event, or of each of its products) are scrubbed of
 * secrets like page URLs are, and Product Viewed gets `value` = price × quantity (quantity 1 by default) unless
 * given, rounded to 12 significant digits so that 49.99 × 3 is 149.97, not 149.97000000000003.
 */
export function finishCommerceEvent(event: string, properties: Record<string, unknown>, secret: ReadonlySet<string>): void {
  const products = Array.isArray(properties.products) ? (properties.products as Array<Record<string, unknown>>) : [properties]
  for (const product of products) {
    for (const key of URLS) if (typeof product[key] === 'string') product[key] = scrubUrl(product[key], secret)
  }
  const { price, quantity, value } = properties
  if (event === 'Product Viewed' && value === undefined && typeof price === 'number') {
    properties.value = Number((price * (typeof quantity === 'number' ? quantity : 1)).toPrecision(12))
  }
}
