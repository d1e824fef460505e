import type { Command } from './commands'

/** Reads the data-attributes of contract §2 and §5. No layout work: attribute reads only. */

export type Trigger = 'click' | 'submit' | 'load' | 'view'

export const EVENT = 'data-analytics-event'
export const ON = 'data-analytics-on'
export const IGNORE = 'data-analytics-ignore'
export const LOGOUT = 'data-analytics-logout'
const PROP = 'data-analytics-prop-'
const TRIGGERS: readonly string[] = ['click', 'submit', 'load', 'view']

/** The trigger an element with data-analytics-event declares, or undefined when its data-analytics-on is not one. */
export function triggerOf(element: Element): Trigger | undefined {
  const on = element.getAttribute(ON)
  if (on === null || on === '') return element.tagName === 'FORM' ? 'submit' : 'click'
  const trigger = on.trim().toLowerCase()
  return TRIGGERS.includes(trigger) ? (trigger as Trigger) : undefined
}

/** `data-analytics-prop-reset-method="email"` becomes `{ reset_method: 'email' }`; values stay strings for the plan to coerce. */
export function propertiesOf(element: Element): Record<string, unknown> {
  // No prototype: a `data-analytics-prop-__proto__` attribute stays a plain (and unplanned) key.
  const properties: Record<string, unknown> = Object.create(null)
  for (const { name, value } of element.attributes) {
    if (name.startsWith(PROP) && name.length > PROP.length) properties[name.slice(PROP.length).replace(/-/g, '_')] = value
  }
  return properties
}

export function isIgnored(element: Element): boolean {
  return element.closest('[' + IGNORE + ']') !== null
}

/** The track command an element's data-analytics-event declares. */
export function declaredEvent(element: Element): Command {
  return { type: 'track', event: element.getAttribute(EVENT) ?? '', properties: propertiesOf(element), source: element }
}

/* Commerce (contract §3). Values stay attribute strings for the plan to coerce, except what the page cannot write:
   derived positions and absolute default URLs. */

const A = 'data-analytics-'
export const PRODUCT = A + 'product'
export const LIST = A + 'list'
export const CART = A + 'cart'
export const DETAIL = A + 'detail'
export const PROMOTION = A + 'promotion'
const LIST_OR_CART = `[${LIST}],[${CART}]`
const PRODUCT_FIELDS = ['sku', 'name', 'category', 'brand', 'variant', 'price', 'quantity', 'coupon']

/**
 * Positions derived from the order of products in their list or cart: a list is numbered when a position is first
 * needed (a click, the list seen) and again after products changed (`forgetPositions`, from positions.ts), so a
 * page's start-up numbers nothing and a click reads a number.
 */
const positions = new WeakMap<Element, number>()
/** Lists and carts whose numbering is current. */
let numbered = new WeakSet<Element>()
let numberedAny = false

/** `data-analytics-<name>` of each name the element carries, added to `into`. */
function fields(element: Element, names: readonly string[], into: Record<string, unknown>): Record<string, unknown> {
  for (const name of names) {
    const value = element.getAttribute(A + name)
    if (value !== null) into[name] = value
  }
  return into
}

/** A field with a default: absent or blank takes the default. */
const given = (element: Element, name: string): string | undefined => element.getAttribute(A + name)?.trim() || undefined

function absolute(url: string): string {
  try {
    return new URL(url, document.baseURI).href
  } catch {
    return url
  }
}

/** A default URL taken from markup: only http(s), so a `javascript:` link or a `data:` placeholder image is not reported. */
function linkOf(element: Element | null, attribute: string): string | undefined {
  const value = element?.getAttribute(attribute)
  const url = value ? absolute(value) : ''
  return /^https?:/i.test(url) ? url : undefined
}

/** The list or cart a product belongs to: the nearest one around it. */
export const containerOf = (product: Element): Element | null => product.parentElement?.closest(LIST_OR_CART) ?? null

/** The products of a list or cart, in document order (not those of a list nested in it). */
export function productsIn(container: Element): Element[] {
  return [...container.querySelectorAll(`[${PRODUCT}]`)].filter((product) => containerOf(product) === container)
}

function number(container: Element): void {
  productsIn(container).forEach((product, index) => positions.set(product, index + 1))
  numbered.add(container)
  numberedAny = true
}

function positionOf(product: Element): number | undefined {
  const container = containerOf(product)
  if (container && !numbered.has(container)) number(container)
  return positions.get(product)
}

/**
 * A product was added to or removed from markup: lists and carts are numbered again when a position is needed.
 * (All of them: a removed product no longer says which list it left, and numbering one costs one query.)
 */
export function forgetPositions(): void {
  if (numberedAny) (numbered = new WeakSet()), (numberedAny = false)
}

/** A Product of the plan (Segment eCommerce v2) from a `data-analytics-product` element. */
export function productOf(element: Element): Record<string, unknown> {
  const product = fields(element, PRODUCT_FIELDS, { product_id: element.getAttribute(PRODUCT) })
  const position = given(element, 'position') ?? positionOf(element)
  if (position !== undefined) product.position = position
  const url = given(element, 'url')
  const link = url ? absolute(url) : linkOf(element.hasAttribute('href') ? element : element.querySelector('a[href]'), 'href')
  if (link) product.url = link
  const image = given(element, 'image-url')
  const src = image ? absolute(image) : linkOf(element.querySelector('img[src]'), 'src')
  if (src) product.image_url = src
  return product
}

/** Product List Viewed's own fields, from the list element. */
export const listOf = (list: Element): Record<string, unknown> => fields(list, ['category'], { list_id: list.getAttribute(LIST) })

/** Product Viewed's fields: the product (as `productOf` reads it) and its currency. */
export const withCurrency = (element: Element, product: Record<string, unknown>): Record<string, unknown> => fields(element, ['currency'], product)

export const promotionOf = (element: Element): Record<string, unknown> =>
  fields(element, ['creative', 'name', 'position'], { promotion_id: element.getAttribute(PROMOTION) })
