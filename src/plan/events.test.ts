import { describe, expect, it } from 'vitest'
import { descriptions, licence, plan, product, validateEvent, validateTraits, type Side, type Validation } from './index'

const valid = (properties: Record<string, unknown>): Validation => ({ ok: true, properties, violations: [] })

describe('the plan', () => {
  it('holds exactly the events of tracking-plan.md, with their side and call', () => {
    expect(Object.entries(plan).map(([name, spec]) => [name, spec.side, spec.call])).toEqual([
      ['Page View', 'client', 'page'],
      ['Product List Viewed', 'client', 'track'],
      ['Product Clicked', 'client', 'track'],
      ['Product Viewed', 'client', 'track'],
      ['Cart Viewed', 'client', 'track'],
      ['Promotion Viewed', 'client', 'track'],
      ['Promotion Clicked', 'client', 'track'],
      ['Forgot Password Button Clicked', 'client', 'track'],
      ['Forgot Password Email Requested', 'client', 'track'],
      ['Forgot Password Email Sent', 'client', 'track'],
      ['Billing Address Updated', 'client', 'track'],
      ['Logout', 'client', 'reset'],
      ['Chat Opened', 'client', 'track'],
      ['Chat Closed', 'client', 'track'],
      ['Live Chat Conversation Started', 'client', 'track'],
      ['Live Chat Message Received', 'client', 'track'],
      ['Live Chat Conversation Ended', 'client', 'track'],
      ['User Signed Up', 'server', 'track'],
      ['User Signed In', 'server', 'track'],
      ['User Updated Profile', 'server', 'track'],
      ['User Viewed Licenses', 'server', 'track'],
      ['Product Added', 'server', 'track'],
      ['Product Removed', 'server', 'track'],
      ['Checkout Started', 'server', 'track'],
      ['Order Completed', 'server', 'track'],
    ])
  })

  it('gives every event, and only them, a one-sentence description', () => {
    expect(Object.keys(descriptions).sort()).toEqual(Object.keys(plan).sort())
    for (const text of Object.values(descriptions)) expect(text).toMatch(/^[A-Z][^]*\.$/)
  })

  it('has traits exactly on the server rows that Identify first', () => {
    expect(Object.entries(plan).flatMap(([name, spec]) => ('traits' in spec ? [name] : []))).toEqual([
      'User Signed Up',
      'User Signed In',
      'User Updated Profile',
      'User Viewed Licenses',
    ])
  })

  it('defines Product and Licence as in the plan, only product_id required', () => {
    expect(product).toEqual({
      product_id: { type: 'string', required: true },
      sku: { type: 'string' },
      category: { type: 'string' },
      name: { type: 'string' },
      brand: { type: 'string' },
      variant: { type: 'string' },
      price: { type: 'number' },
      quantity: { type: 'integer' },
      coupon: { type: 'string' },
      position: { type: 'integer' },
      url: { type: 'string' },
      image_url: { type: 'string' },
    })
    expect(licence).toEqual({
      license_type: { type: 'string' },
      state: { type: 'string', pattern: '^[A-Z]{2}$' },
      license_number: { type: 'string' },
      expiration_date: { type: 'string', format: 'date' },
    })
  })

  it('spells Product List Viewed and User Updated Profile exactly', () => {
    expect(plan['Product List Viewed'].properties).toEqual({
      list_id: { type: 'string', required: true },
      category: { type: 'string' },
      products: { type: 'array', items: { type: 'object', properties: product }, minItems: 1, required: true },
    })
    expect(plan['User Updated Profile']).toEqual({
      side: 'server',
      call: 'track',
      traits: {
        email: { type: 'string' },
        first_name: { type: 'string' },
        last_name: { type: 'string' },
        phone: { type: 'string', pattern: '^[0-9]+$' },
        company_name: { type: 'string' },
      },
      properties: { sections: { type: 'array', items: { type: 'string', enum: ['details', 'password', 'credit_card'] } } },
    })
  })

  it('is frozen', () => {
    expect(Object.isFrozen(plan)).toBe(true)
    expect(Object.isFrozen(plan['Product Clicked'].properties.price)).toBe(true)
    expect(() => {
      ;(plan as Record<string, unknown>)['Foo'] = {}
    }).toThrow(TypeError)
    expect(() => {
      ;(product as Record<string, unknown>)['price'] = { type: 'string' }
    }).toThrow(TypeError)
  })
})

describe('client-side events, as the tag sends them (attribute strings)', () => {
  const client = (name: string, input: Record<string, unknown>) => validateEvent(name, input, 'client')

  it('Page View', () => {
    const page = {
      url: 'https://academy.relias.com/catalog?q=wound',
      path: '/catalog',
      referrer: 'https://www.google.com/',
      search: '?q=wound',
      title: 'Catalog | Relias Academy',
    }
    expect(client('Page View', page)).toStrictEqual(valid(page))
  })

  it('Product List Viewed', () => {
    expect(
      client('Product List Viewed', {
        list_id: 'catalog-nursing',
        category: 'Nursing CE',
        products: [
          {
            product_id: 'P-1001',
            sku: 'CE-1001',
            name: 'Wound Care',
            price: '49.99',
            position: '1',
            url: 'https://academy.relias.com/product/P-1001',
            image_url: 'https://academy.relias.com/img/p1001.png',
          },
          { product_id: 'P-1002', price: '19', position: '2' },
        ],
      }),
    ).toStrictEqual(
      valid({
        list_id: 'catalog-nursing',
        category: 'Nursing CE',
        products: [
          {
            product_id: 'P-1001',
            sku: 'CE-1001',
            name: 'Wound Care',
            price: 49.99,
            position: 1,
            url: 'https://academy.relias.com/product/P-1001',
            image_url: 'https://academy.relias.com/img/p1001.png',
          },
          { product_id: 'P-1002', price: 19, position: 2 },
        ],
      }),
    )
  })

  it('Product Clicked', () => {
    expect(
      client('Product Clicked', {
        product_id: 'P-1001',
        sku: 'CE-1001',
        category: 'Nursing CE',
        name: 'Wound Care',
        brand: 'Relias',
        variant: 'online',
        price: '49.99',
        quantity: '1',
        coupon: 'SPRING',
        position: '3',
        url: 'https://academy.relias.com/product/P-1001',
        image_url: 'https://academy.relias.com/img/p1001.png',
        list_id: 'catalog-nursing',
      }),
    ).toStrictEqual(
      valid({
        product_id: 'P-1001',
        sku: 'CE-1001',
        category: 'Nursing CE',
        name: 'Wound Care',
        brand: 'Relias',
        variant: 'online',
        price: 49.99,
        quantity: 1,
        coupon: 'SPRING',
        position: 3,
        url: 'https://academy.relias.com/product/P-1001',
        image_url: 'https://academy.relias.com/img/p1001.png',
        list_id: 'catalog-nursing',
      }),
    )
  })

  it('Product Viewed', () => {
    expect(
      client('Product Viewed', { product_id: 'P-1001', price: '49.99', quantity: '1', currency: 'USD', value: 49.99 }),
    ).toStrictEqual(valid({ product_id: 'P-1001', price: 49.99, quantity: 1, currency: 'USD', value: 49.99 }))
  })

  it('Cart Viewed', () => {
    expect(
      client('Cart Viewed', {
        cart_id: 'CART-77',
        products: [
          { product_id: 'P-1001', quantity: '2', position: '1' },
          { product_id: 'P-1002', quantity: '1', position: '2' },
        ],
      }),
    ).toStrictEqual(
      valid({
        cart_id: 'CART-77',
        products: [
          { product_id: 'P-1001', quantity: 2, position: 1 },
          { product_id: 'P-1002', quantity: 1, position: 2 },
        ],
      }),
    )
  })

  it('Promotion Viewed', () => {
    const promo = { promotion_id: 'spring-sale', creative: 'hero-v2', name: 'Spring Sale', position: 'home_banner_top' }
    expect(client('Promotion Viewed', promo)).toStrictEqual(valid(promo))
  })

  it('Promotion Clicked', () => {
    expect(client('Promotion Clicked', { promotion_id: 'spring-sale', position: 'home_banner_top' })).toStrictEqual(
      valid({ promotion_id: 'spring-sale', position: 'home_banner_top' }),
    )
    expect(client('Promotion Clicked', { creative: 'hero-v2' })).toStrictEqual({
      ok: false,
      properties: { creative: 'hero-v2' },
      violations: ['Promotion Clicked: required "promotion_id" is missing'],
    })
  })

  it('Forgot Password Button Clicked', () => {
    expect(client('Forgot Password Button Clicked', {})).toStrictEqual(valid({}))
  })

  it('Forgot Password Email Requested never carries the typed e-mail address', () => {
    expect(client('Forgot Password Email Requested', {})).toStrictEqual(valid({}))
    expect(client('Forgot Password Email Requested', { email: 'nurse@example.com' })).toStrictEqual({
      ok: true,
      properties: {},
      violations: ['Forgot Password Email Requested: "email" is not a property of Forgot Password Email Requested in the plan; dropped'],
    })
  })

  it('Forgot Password Email Sent', () => {
    expect(client('Forgot Password Email Sent', {})).toStrictEqual(valid({}))
  })

  it('Billing Address Updated', () => {
    expect(client('Billing Address Updated', {})).toStrictEqual(valid({}))
  })

  it('Logout is a reset, not a track', () => {
    const refused = {
      ok: false,
      properties: {},
      violations: ['"Logout" is not a tracked event: it calls analytics.reset(), never track()'],
    }
    expect(client('Logout', {})).toStrictEqual(refused)
    expect(validateEvent('Logout', {})).toStrictEqual(refused)
  })

  it.each(['Chat Opened', 'Chat Closed', 'Live Chat Conversation Started', 'Live Chat Message Received', 'Live Chat Conversation Ended'])(
    '%s (with and without conversation_id)',
    (name) => {
      expect(client(name, { conversation_id: 'c-8a1f' })).toStrictEqual(valid({ conversation_id: 'c-8a1f' }))
      expect(client(name, { conversation_id: 4711 })).toStrictEqual(valid({ conversation_id: '4711' }))
      expect(client(name, {})).toStrictEqual(valid({}))
    },
  )
})

describe('server-side events, as the server sends them (typed values)', () => {
  const server = (name: string, input: Record<string, unknown>) => validateEvent(name, input, 'server' satisfies Side)

  it('User Signed Up: all three traits required, no properties', () => {
    const traits = { email: 'nurse@example.com', first_name: 'Ada', last_name: 'Lovelace' }
    expect(validateTraits('User Signed Up', traits)).toStrictEqual(valid(traits))
    expect(server('User Signed Up', {})).toStrictEqual(valid({}))
    expect(validateTraits('User Signed Up', { email: 'nurse@example.com', first_name: '' })).toStrictEqual({
      ok: false,
      properties: { email: 'nurse@example.com' },
      violations: ['User Signed Up traits: required "first_name" is missing', 'User Signed Up traits: required "last_name" is missing'],
    })
  })

  it('User Signed In: email required', () => {
    expect(validateTraits('User Signed In', { email: 'nurse@example.com' })).toStrictEqual(valid({ email: 'nurse@example.com' }))
    expect(server('User Signed In', {})).toStrictEqual(valid({}))
    expect(validateTraits('User Signed In', {})).toStrictEqual({
      ok: false,
      properties: {},
      violations: ['User Signed In traits: required "email" is missing'],
    })
  })

  it('User Updated Profile: changed traits only, digits-only phone, sections from the enum', () => {
    expect(validateTraits('User Updated Profile', { phone: '5551234567', company_name: 'Relias' })).toStrictEqual(
      valid({ phone: '5551234567', company_name: 'Relias' }),
    )
    expect(validateTraits('User Updated Profile', { phone: '+1 (555) 123-4567' })).toStrictEqual({
      ok: true,
      properties: {},
      violations: ['User Updated Profile traits: phone "+1 (555) 123-4567" does not match ^[0-9]+$; dropped'],
    })
    expect(server('User Updated Profile', { sections: ['details', 'credit_card'] })).toStrictEqual(
      valid({ sections: ['details', 'credit_card'] }),
    )
    expect(server('User Updated Profile', { sections: ['password', 'card_number'] })).toStrictEqual({
      ok: true,
      properties: { sections: ['password'] },
      violations: [
        'User Updated Profile: sections[1] "card_number" is not one of "details", "password", "credit_card"; dropped',
      ],
    })
  })

  it('User Viewed Licenses', () => {
    const licenses = [
      { license_type: 'RN', state: 'NC', license_number: 'RN-123456', expiration_date: '2026-12-31' },
      { license_type: 'LPN', state: 'TX', license_number: '998877', expiration_date: '2028-02-29' },
    ]
    expect(validateTraits('User Viewed Licenses', { licenses })).toStrictEqual(valid({ licenses }))
    expect(server('User Viewed Licenses', { license_count: 2 })).toStrictEqual(valid({ license_count: 2 }))
    expect(
      validateTraits('User Viewed Licenses', {
        licenses: [{ license_type: 'RN', state: 'North Carolina', expiration_date: '2026-02-30' }],
      }),
    ).toStrictEqual({
      ok: true,
      properties: { licenses: [{ license_type: 'RN' }] },
      violations: [
        'User Viewed Licenses traits: licenses[0].state "North Carolina" does not match ^[A-Z]{2}$; dropped',
        'User Viewed Licenses traits: licenses[0].expiration_date "2026-02-30" is not a date (YYYY-MM-DD); dropped',
      ],
    })
  })

  it.each(['Product Added', 'Product Removed'])('%s: cart_id and Product fields', (name) => {
    expect(
      server(name, { cart_id: 'CART-77', product_id: 'P-1001', sku: 'CE-1001', name: 'Wound Care', price: 49.99, quantity: 2 }),
    ).toStrictEqual(valid({ cart_id: 'CART-77', product_id: 'P-1001', sku: 'CE-1001', name: 'Wound Care', price: 49.99, quantity: 2 }))
    expect(server(name, { cart_id: 'CART-77' })).toStrictEqual({
      ok: false,
      properties: { cart_id: 'CART-77' },
      violations: [`${name}: required "product_id" is missing`],
    })
  })

  it('Checkout Started', () => {
    const checkout = {
      order_id: 'O-5001',
      value: 89.98,
      revenue: 89.98,
      shipping: 0,
      tax: 7.2,
      discount: 10,
      coupon: 'SPRING',
      currency: 'USD',
      products: [
        { product_id: 'P-1001', price: 49.99, quantity: 1 },
        { product_id: 'P-1002', price: 49.99, quantity: 1, coupon: 'SPRING' },
      ],
    }
    expect(server('Checkout Started', checkout)).toStrictEqual(valid(checkout))
  })

  it('Order Completed', () => {
    const order = {
      checkout_id: 'CO-9',
      order_id: 'O-5001',
      subtotal: 99.98,
      total: 97.18,
      revenue: 89.98,
      shipping: 0,
      tax: 7.2,
      discount: 10,
      coupon: 'SPRING',
      currency: 'USD',
      products: [{ product_id: 'P-1001', sku: 'CE-1001', price: 49.99, quantity: 2, position: 1 }],
    }
    expect(server('Order Completed', order)).toStrictEqual(valid(order))
    // the same values as strings are coerced
    expect(server('Order Completed', { order_id: 'O-5001', total: '97.18', products: [{ product_id: 'P-1001', quantity: '2' }] })).toStrictEqual(
      valid({ order_id: 'O-5001', total: 97.18, products: [{ product_id: 'P-1001', quantity: 2 }] }),
    )
  })
})
