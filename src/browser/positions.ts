/**
 * Product positions stay current as scripts change the markup ("load more", a filter, a list replaced): a product
 * added or removed makes its list numbered again the next time a position is needed (the loader's attributes.ts
 * keeps the numbering: `link.forgetPositions`).
 */
import { PRODUCT } from './attributes'
import { link } from './link'
import { onAdded, onRemoved } from './markup'

export function startPositions(): void {
  const changed = (element: Element) => element.hasAttribute(PRODUCT) && link.forgetPositions()
  onAdded(changed)
  onRemoved(changed)
}
