/**
 * Product positions stay current as scripts change the markup ("load more", a filter, a list replaced): a product
 * added or removed makes its list numbered again the next time a position is needed (attributes.ts).
 */
import { PRODUCT, forgetPositions } from './attributes'
import { onAdded, onRemoved } from './markup'

export function startPositions(): void {
  const changed = (element: Element) => element.hasAttribute(PRODUCT) && forgetPositions(element)
  onAdded(changed)
  onRemoved(changed)
}
