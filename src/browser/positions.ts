/**
 * Product positions stay current as scripts change the markup ("load more", a filter, a list replaced): a product
 * added or removed makes its list numbered again the next time a position is needed (the loader's attributes.ts,
 * which keeps the numbering, hands `forgetPositions` over).
 */
import { PRODUCT } from './attributes'
import { onAdded, onRemoved } from './markup'

export function startPositions(forgetPositions: () => void): void {
  const changed = (element: Element) => element.hasAttribute(PRODUCT) && forgetPositions()
  onAdded(changed)
  onRemoved(changed)
}
