/**
 * Product positions: each product's 1-based order in its list or cart, kept current as markup changes (products
 * appended, removed, lists replaced) so that a click only reads it (attributes.ts `productOf`).
 */
import { PRODUCT, containerOf, numberProducts } from './attributes'
import { onAdded, onRemoved } from './markup'

/** The list or cart each product was numbered in, renumbered when the product leaves it. */
const numberedIn = new WeakMap<Element, Element>()
/** Lists and carts whose products changed: renumbered once, after the current batch of markup. */
const changed = new Set<Element>()

function renumberSoon(container: Element): void {
  if (!changed.size) queueMicrotask(renumber)
  changed.add(container)
}

function renumber(): void {
  const containers = [...changed]
  changed.clear()
  for (const container of containers) {
    if (container.isConnected) for (const product of numberProducts(container)) numberedIn.set(product, container)
  }
}

export function startPositions(): void {
  onAdded((element) => {
    const container = element.hasAttribute(PRODUCT) ? containerOf(element) : null
    if (container) renumberSoon(container)
  })
  onRemoved((element) => {
    const container = numberedIn.get(element)
    if (container?.isConnected) renumberSoon(container)
  })
}
