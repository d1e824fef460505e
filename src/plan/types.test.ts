import { describe, expectTypeOf, it } from 'vitest'
import type { ClientEventName, EventName, InferFields, PropertiesOf, ServerEventName, TraitsOf } from './index'
import { arr, int, obj, oneOf, plan, req, str } from './index'

type Product = {
  product_id: string
  sku?: string
  category?: string
  name?: string
  brand?: string
  variant?: string
  price?: number
  quantity?: number
  coupon?: string
  position?: number
  url?: string
  image_url?: string
}

describe('derived TypeScript types', () => {
  it('keeps event names literal', () => {
    expectTypeOf<EventName>().toEqualTypeOf<keyof typeof plan>()
    expectTypeOf<'Product Clicked'>().toMatchTypeOf<EventName>()
    expectTypeOf<string>().not.toMatchTypeOf<EventName>()
    expectTypeOf<ServerEventName>().toEqualTypeOf<
      | 'User Signed Up'
      | 'User Signed In'
      | 'User Updated Profile'
      | 'User Viewed Licenses'
      | 'Product Added'
      | 'Product Removed'
      | 'Checkout Started'
      | 'Order Completed'
    >()
    expectTypeOf<'Logout' | 'Page View' | 'Chat Opened'>().toMatchTypeOf<ClientEventName>()
    // @ts-expect-error: not an event of the plan
    expectTypeOf<PropertiesOf<'Product Clicke'>>()
  })

  it('types properties: required fields non-optional, numbers, nested objects, arrays', () => {
    expectTypeOf<PropertiesOf<'Product Clicked'>>().toEqualTypeOf<{
      product_id: string
      sku?: string
      category?: string
      name?: string
      brand?: string
      variant?: string
      price?: number
      quantity?: number
      coupon?: string
      position?: number
      url?: string
      image_url?: string
      list_id?: string
    }>()
    expectTypeOf<PropertiesOf<'Product List Viewed'>>().toEqualTypeOf<{ list_id: string; category?: string; products: Product[] }>()
    expectTypeOf<PropertiesOf<'User Updated Profile'>>().toEqualTypeOf<{ sections?: ('details' | 'password' | 'credit_card')[] }>()
    expectTypeOf<PropertiesOf<'User Viewed Licenses'>>().toEqualTypeOf<{ license_count?: number }>()
    expectTypeOf<PropertiesOf<'Order Completed'>['products']>().toEqualTypeOf<Product[] | undefined>()
    expectTypeOf<PropertiesOf<'Forgot Password Button Clicked'>>().toEqualTypeOf<{}>()
  })

  it('types identify traits, and never for events without an Identify', () => {
    expectTypeOf<TraitsOf<'User Signed Up'>>().toEqualTypeOf<{ email: string; first_name: string; last_name: string }>()
    expectTypeOf<TraitsOf<'User Signed In'>>().toEqualTypeOf<{ email: string }>()
    expectTypeOf<TraitsOf<'User Viewed Licenses'>>().toEqualTypeOf<{
      licenses?: { license_type?: string; state?: string; license_number?: string; expiration_date?: string }[]
    }>()
    expectTypeOf<TraitsOf<'Product Added'>>().toBeNever()
  })

  it('infers from hand-written field specs', () => {
    const fields = { id: req(int), tags: arr(oneOf('a', 'b'), 1), child: obj({ x: req(str) }) }
    expectTypeOf<InferFields<typeof fields>>().toEqualTypeOf<{ id: number; tags?: ('a' | 'b')[]; child?: { x: string } }>()
  })
})
