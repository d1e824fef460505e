/**
 * The server-side half of the tracking plan: the events the Academy server sends, rows with traits sending an
 * Identify first. Kept out of the tag's bundle (client-events.ts).
 */
import { none, product, products, freeze, type Events } from './client-events'
import { arr, date, int, matching, num, obj, oneOf, req, str, type Fields } from './schema'

/** The Academy Licence object. */
export const licence = {
  license_type: str,
  state: matching('^[A-Z]{2}$'),
  license_number: str,
  expiration_date: date,
} satisfies Fields

/** The amounts and products an order and its checkout share (Segment eCommerce v2). */
const order = { revenue: num, shipping: num, tax: num, discount: num, coupon: str, currency: str, products } satisfies Fields

const server = <const P extends Fields>(properties: P) => ({ side: 'server', call: 'track', properties }) as const
/** A server event sent as Identify (with these traits) then Track. */
const identified = <const T extends Fields, const P extends Fields>(traits: T, properties: P) =>
  ({ side: 'server', call: 'track', properties, traits }) as const

/** Server-side events, sent by the Academy server. */
export const serverEvents = /* @__PURE__ */ freeze({
  'User Signed Up': identified({ email: req(str), first_name: req(str), last_name: req(str) },
    none,
  ),
  'User Signed In': identified({ email: req(str) }, none),
  'User Updated Profile': identified({ email: str, first_name: str, last_name: str, phone: matching('^[0-9]+$'), company_name: str },
    { sections: arr(oneOf('details', 'password', 'credit_card')) },
  ),
  'User Viewed Licenses': identified({ licenses: arr(obj(licence)) },
    { license_count: int },
  ),
  'Product Added': server({ cart_id: str, ...product }),
  'Product Removed': server({ cart_id: str, ...product }),
  'Checkout Started': server({ order_id: str, value: num, ...order }),
  'Order Completed': server({ checkout_id: str, order_id: str, subtotal: num, total: num, ...order }),
} satisfies Events)
