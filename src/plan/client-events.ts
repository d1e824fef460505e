/**
 * The client-side half of the tracking plan (shared/tracking-plan.md): the events the tag sends, and the objects
 * they share with the server's. A module of its own so that the tag's bundle carries this half alone.
 */
import { arr, int, num, obj, req, str, type Fields } from './schema'

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

/** Some events of the plan, by name: one side of it, or the whole plan. */
export type Events = { readonly [name: string]: EventSpec }

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

export const products = arr(obj(product))
const promotion = { promotion_id: req(str), creative: str, name: str, position: str } satisfies Fields
const chat = { conversation_id: str } satisfies Fields
export const none = {} satisfies Fields

const client = <const P extends Fields>(properties: P) => ({ side: 'client', call: 'track', properties }) as const

/** Deep-freezes the plan's data: nothing at run time can change the contract. */
export const freeze = <T>(o: T): T => {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o)
    for (const k of Object.keys(o)) freeze((o as Record<string, unknown>)[k])
  }
  return o
}

/** Client-side events, sent by the tag from the browser. */
export const clientEvents = /* @__PURE__ */ freeze({
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
} satisfies Events)
