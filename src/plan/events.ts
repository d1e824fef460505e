/**
 * The Academy tracking plan (shared/tracking-plan.md) as data. Event names are exact and case-sensitive.
 * Product and order properties follow Segment's eCommerce spec v2; chat events follow the Live Chat spec.
 */
import { arr, date, int, matching, num, obj, oneOf, req, str, type Fields, type InferFields } from './schema'

export type Side = 'client' | 'server'

export interface EventSpec {
  side: Side
  /** 'Page View' is a page call, 'Logout' is reset (no track), everything else track. */
  call: 'track' | 'page' | 'reset'
  /** Track (or page) properties. */
  properties: Fields
  /** Server rows with an Identify before the Track: the identify traits. */
  traits?: Fields
}

/** The shared Product object (Segment eCommerce v2). `position` is 1-based in its list. */
export const product = {
  product_id: req(str),
  sku: str,
  category: str,
  name: str,
  brand: str,
  variant: str,
  price: num,
  quantity: int,
  coupon: str,
  position: int,
  url: str,
  image_url: str,
} satisfies Fields

/** The Academy Licence object. */
export const licence = {
  license_type: str,
  state: matching('^[A-Z]{2}$'),
  license_number: str,
  expiration_date: date,
} satisfies Fields

const products = arr(obj(product))
const promotion = { promotion_id: req(str), creative: str, name: str, position: str } satisfies Fields
const chat = { conversation_id: str } satisfies Fields
const none = {} satisfies Fields

const client = <const P extends Fields>(properties: P) => ({ side: 'client', call: 'track', properties }) as const
const server = <const P extends Fields>(properties: P) => ({ side: 'server', call: 'track', properties }) as const
/** A server event sent as Identify (with these traits) then Track. */
const identified = <const T extends Fields, const P extends Fields>(traits: T, properties: P) =>
  ({ side: 'server', call: 'track', properties, traits }) as const

const freeze = <T>(o: T): T => {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o)
    for (const k of Object.keys(o)) freeze((o as Record<string, unknown>)[k])
  }
  return o
}

export const plan = freeze({
  // Client-side events (sent by the tag from the browser)
  'Page View': {
    side: 'client',
    call: 'page',
    properties: { url: str, path: str, referrer: str, search: str, title: str },
  },
  'Product List Viewed': client({
    list_id: req(str),
    category: str,
    products: req(arr(obj(product), 1)),
  }),
  'Product Clicked': client({ ...product, list_id: str }),
  'Product Viewed': client({
    ...product,
    currency: str,
    value: num,
  }),
  'Cart Viewed': client({ cart_id: str, products }),
  'Promotion Viewed': client(promotion),
  'Promotion Clicked': client(promotion),
  'Forgot Password Button Clicked': client(none),
  'Forgot Password Email Requested': client(none),
  'Forgot Password Email Sent': client(none),
  'Billing Address Updated': client(none),
  Logout: {
    side: 'client',
    call: 'reset',
    properties: none,
  },
  // Chat with Chatbot: the Ada web embed's events as Segment Live Chat spec events
  'Chat Opened': client(chat),
  'Chat Closed': client(chat),
  'Live Chat Conversation Started': client(chat),
  'Live Chat Message Received': client(chat),
  'Live Chat Conversation Ended': client(chat),

  // Server-side events (sent by the Academy server; rows with traits send Identify first)
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
  'Checkout Started': server({
    order_id: str,
    value: num,
    revenue: num,
    shipping: num,
    tax: num,
    discount: num,
    coupon: str,
    currency: str,
    products,
  }),
  'Order Completed': server({
    checkout_id: str,
    order_id: str,
    subtotal: num,
    total: num,
    revenue: num,
    shipping: num,
    tax: num,
    discount: num,
    coupon: str,
    currency: str,
    products,
  }),
} satisfies { readonly [name: string]: EventSpec })

type Plan = typeof plan
export type EventName = keyof Plan
export type ClientEventName = { [N in EventName]: Plan[N]['side'] extends 'client' ? N : never }[EventName]
export type ServerEventName = { [N in EventName]: Plan[N]['side'] extends 'server' ? N : never }[EventName]
/** The properties of an event, typed from its spec. */
export type PropertiesOf<N extends EventName> = InferFields<Plan[N]['properties']>
/** The identify traits of a server event sent with Identify first; `never` for events without an Identify. */
export type TraitsOf<N extends EventName> = Plan[N] extends { traits: infer T extends Fields } ? InferFields<T> : never

export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(plan, name)
