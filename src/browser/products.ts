/**
 * Product impressions (contract §3): Product List Viewed, Cart Viewed and Product Viewed, once per element per page
 * view when any part of it is first in the viewport. (The positions products take in their lists are the loader's:
 * positions.ts.)
 */
import { CART, DETAIL, LIST, PRODUCT, containerOf, isIgnored, listOf, productsIn, withCurrency } from './attributes'
import { onRestart, unwatch, watch } from './impressions'
import { link } from './link'
import { onAdded, onRemoved } from './markup'

/** Lists, carts, product details and list products reported in this page view. */
let reported = new WeakSet<Element>()
/** Products added to a list after it was reported: the next Product List Viewed, once one of them is seen. */
const appended = new Set<Element>()
let listsReported = false

function reportProducts(event: 'Product List Viewed' | 'Cart Viewed', container: Element, properties: Record<string, unknown>, products: Element[]): void {
  for (const product of products) reported.add(product)
  // A list too long for Segment's 32 KB is split by the core, after validation (delivery.ts `withinLimit`).
  const shown = products.filter((product) => !isIgnored(product)).map(link.productOf)
  link.send({ type: 'track', event, properties: { ...properties, products: shown }, source: container })
}

function listSeen({ isIntersecting, target: list }: IntersectionObserverEntry): void {
  if (!isIntersecting) return
  reported.add(list)
  listsReported = true
  unwatch(list, listSeen)
  // A list still empty reports nothing now: its products will be appended ones.
  const products = productsIn(list)
  if (products.length) reportProducts('Product List Viewed', list, listOf(list), products)
}

/**
 * Products appended to a reported list (a "load more" page, an infinite-scroll page): all of them, in the order they
 * arrived, as soon as one is seen.
 */
function appendedSeen({ isIntersecting, target }: IntersectionObserverEntry): void {
  const list = containerOf(target)
  if (!isIntersecting || !list) return
  const products = [...appended].filter((product) => containerOf(product) === list)
  for (const product of products) {
    appended.delete(product)
    unwatch(product, appendedSeen)
  }
  reportProducts('Product List Viewed', list, listOf(list), products)
}

function cartSeen({ isIntersecting, target: cart }: IntersectionObserverEntry): void {
  if (!isIntersecting) return
  reported.add(cart)
  unwatch(cart, cartSeen)
  reportProducts('Cart Viewed', cart, { cart_id: cart.getAttribute(CART) }, productsIn(cart))
}

function detailSeen({ isIntersecting, target: product }: IntersectionObserverEntry): void {
  if (!isIntersecting) return
  reported.add(product)
  unwatch(product, detailSeen)
  link.send({ type: 'track', event: 'Product Viewed', properties: withCurrency(product, link.productOf(product)), source: product })
}

function visit(element: Element): void {
  if (reported.has(element)) return
  // A product matters here only once its list has been reported (it is then an appended one).
  const container = listsReported && element.hasAttribute(PRODUCT) ? containerOf(element) : null
  const isAppended = container?.hasAttribute(LIST) && reported.has(container)
  const [list, cart, detail] = [LIST, CART, DETAIL].map((name) => element.hasAttribute(name))
  // Most elements of a catalog are products of lists not reported yet: nothing to watch, so no ancestor walk.
  if (!(list || cart || detail || isAppended) || isIgnored(element)) return
  if (list) watch(element, listSeen)
  if (cart) watch(element, cartSeen)
  if (detail) watch(element, detailSeen)
  if (isAppended) {
    appended.add(element)
    watch(element, appendedSeen)
  }
}

export function startProducts(): void {
  onAdded(visit)
  onRemoved((element) => appended.delete(element))
  onRestart(() => {
    reported = new WeakSet()
    appended.clear()
  })
}
