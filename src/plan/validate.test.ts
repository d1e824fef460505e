import { describe, expect, it } from 'vitest'
import {
  arr,
  bool,
  coerce,
  date,
  int,
  matching,
  num,
  obj,
  oneOf,
  plan,
  product,
  req,
  str,
  validateEvent,
  validateFields,
  validateTraits,
  type Field,
  type Fields,
} from './index'

const yes = (value: unknown) => ({ ok: true, value })
const no = (reason: string) => ({ ok: false, reason })

describe('coerce: number', () => {
  it.each<[unknown, number]>([
    [49.99, 49.99],
    [0, 0],
    [-3, -3],
    ['49.99', 49.99],
    [' 49.99 ', 49.99],
    ['-3', -3],
    ['+7', 7],
    ['1e3', 1000],
    ['2.5E-1', 0.25],
    ['.5', 0.5],
    ['5.', 5],
  ])('%j -> %j', (input, value) => expect(coerce(num, input)).toStrictEqual(yes(value)))

  it.each<[unknown, string]>([
    ['', '"" is not a number'],
    ['   ', '"   " is not a number'],
    ['abc', '"abc" is not a number'],
    ['49,99', '"49,99" is not a number'],
    ['$5', '"$5" is not a number'],
    ['5 USD', '"5 USD" is not a number'],
    ['Infinity', '"Infinity" is not a number'],
    ['0x10', '"0x10" is not a number'],
    ['1e999', '"1e999" is not a number'],
    ['1_000', '"1_000" is not a number'],
    [Number.NaN, 'NaN is not a number'],
    [Number.POSITIVE_INFINITY, 'Infinity is not a number'],
    [true, 'true is not a number'],
    [10n, '10n is not a number'],
    [{}, '[object] is not a number'],
    [[1], '[array] is not a number'],
  ])('rejects %s', (input, reason) => expect(coerce(num, input)).toStrictEqual(no(reason)))

  it('treats null and undefined as missing', () => {
    expect(coerce(num, null)).toStrictEqual(no('is missing'))
    expect(coerce(num, undefined)).toStrictEqual(no('is missing'))
  })

  it('stays linear on a long almost-number', () => {
    const started = Date.now()
    expect(coerce(num, '1'.repeat(1_000_000) + 'x')).toStrictEqual(no(`"${'1'.repeat(61)}..." is not a number`))
    expect(Date.now() - started).toBeLessThan(1000)
  })
})

describe('coerce: integer', () => {
  it.each<[unknown, number]>([
    [2, 2],
    ['2', 2],
    [' -7 ', -7],
    ['2.0', 2],
    ['1e3', 1000],
  ])('%j -> %j', (input, value) => expect(coerce(int, input)).toStrictEqual(yes(value)))

  it.each<[unknown, string]>([
    ['2.5', '"2.5" is not an integer'],
    [2.5, '2.5 is not an integer'],
    ['two', '"two" is not an integer'],
    ['', '"" is not an integer'],
    [false, 'false is not an integer'],
  ])('rejects %j', (input, reason) => expect(coerce(int, input)).toStrictEqual(no(reason)))
})

describe('coerce: boolean', () => {
  it.each<[unknown, boolean]>([
    [true, true],
    [false, false],
    ['true', true],
    ['TRUE', true],
    ['False', false],
    [' 1 ', true],
    ['0', false],
    ['', true], // attribute present without a value
  ])('%j -> %j', (input, value) => expect(coerce(bool, input)).toStrictEqual(yes(value)))

  it.each<[unknown, string]>([
    ['yes', '"yes" is not a boolean'],
    ['on', '"on" is not a boolean'],
    [1, '1 is not a boolean'],
    [{}, '[object] is not a boolean'],
  ])('rejects %j', (input, reason) => expect(coerce(bool, input)).toStrictEqual(no(reason)))
})

describe('coerce: string', () => {
  it.each<[unknown, string]>([
    ['Wound Care', 'Wound Care'],
    ['  padded  ', '  padded  '], // content is never trimmed
    [42, '42'],
    [-0.5, '-0.5'],
    [true, 'true'],
    [false, 'false'],
  ])('%j -> %j', (input, value) => expect(coerce(str, input)).toStrictEqual(yes(value)))

  it('treats an empty or blank string as missing', () => {
    expect(coerce(str, '')).toStrictEqual(no('is empty'))
    expect(coerce(str, ' \n\t')).toStrictEqual(no('is empty'))
    expect(coerce(str, null)).toStrictEqual(no('is missing'))
  })

  it.each<[unknown, string]>([
    [{ a: 1 }, '[object] is not a string'],
    [['a'], '[array] is not a string'],
    [Number.NaN, 'NaN is not a string'],
    [Number.NEGATIVE_INFINITY, '-Infinity is not a string'],
    [Symbol('s'), '[symbol] is not a string'],
    [10n, '10n is not a string'],
    [() => 'x', '[function] is not a string'],
  ])('rejects %s', (input, reason) => expect(coerce(str, input)).toStrictEqual(no(reason)))

  it('keeps a huge string whole, and cuts it short in messages', () => {
    const huge = 'x'.repeat(1_000_000)
    expect(coerce(str, huge)).toStrictEqual(yes(huge))
    expect(coerce(matching('^[0-9]+$'), huge)).toStrictEqual(no(`"${'x'.repeat(61)}..." does not match ^[0-9]+$`))
  })

  it('enforces a pattern (on numbers too)', () => {
    const state = matching('^[A-Z]{2}$')
    expect(coerce(state, 'NC')).toStrictEqual(yes('NC'))
    expect(coerce(state, 'nc')).toStrictEqual(no('"nc" does not match ^[A-Z]{2}$'))
    expect(coerce(state, 'NCX')).toStrictEqual(no('"NCX" does not match ^[A-Z]{2}$'))
    expect(coerce(state, 'NC\n')).toStrictEqual(no('"NC\\n" does not match ^[A-Z]{2}$'))
    expect(coerce(matching('^[0-9]+$'), 5551234567)).toStrictEqual(yes('5551234567'))
  })

  it('enforces an enum, case-sensitively', () => {
    const section = oneOf('details', 'password', 'credit_card')
    expect(coerce(section, 'credit_card')).toStrictEqual(yes('credit_card'))
    expect(coerce(section, 'Password')).toStrictEqual(no('"Password" is not one of "details", "password", "credit_card"'))
  })

  it.each(['2024-02-29', '2000-02-29', '2024-12-31', '2024-04-30', '0001-01-01'])('accepts the date %s', (d) =>
    expect(coerce(date, d)).toStrictEqual(yes(d)),
  )

  it.each(['2023-02-29', '1900-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-1-01', '24-01-01', '2024-01-01T00:00:00Z', '2024/01/01', 'soon'])(
    'rejects the date %s',
    (d) => expect(coerce(date, d)).toStrictEqual(no(`"${d}" is not a date (YYYY-MM-DD)`)),
  )
})

describe('coerce: object', () => {
  const item = obj(product)

  it('validates nested fields, dropping invalid ones', () => {
    expect(coerce(item, { product_id: 'P-1', price: 'abc', quantity: '2' })).toStrictEqual(yes({ product_id: 'P-1', quantity: 2 }))
  })

  it('is invalid without a nested required field', () => {
    expect(coerce(item, { price: 1 })).toStrictEqual(no('is missing required "product_id"'))
    expect(coerce(obj({ a: req(str), b: req(num) }), {})).toStrictEqual(no('is missing required "a", "b"'))
  })

  it('accepts objects without a prototype and rejects everything that is not a plain object', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { product_id: 'P-1' })
    expect(coerce(item, bare)).toStrictEqual(yes({ product_id: 'P-1' }))
    expect(coerce(item, '{"product_id":"P-1"}')).toStrictEqual(no('"{\\"product_id\\":\\"P-1\\"}" is not an object'))
    expect(coerce(item, [{ product_id: 'P-1' }])).toStrictEqual(no('[array] is not an object'))
    expect(coerce(item, new Date(0))).toStrictEqual(no('[object] is not an object'))
    expect(coerce(item, 7)).toStrictEqual(no('7 is not an object'))
  })
})

describe('coerce: array', () => {
  it('coerces item by item and drops invalid items', () => {
    expect(coerce(arr(int), ['1', 'x', 3, null, '4'])).toStrictEqual(yes([1, 3, 4]))
  })

  it('enforces minItems after dropping', () => {
    const nonEmpty = arr(obj(product), 1)
    expect(coerce(nonEmpty, [])).toStrictEqual(no('has 0 valid items, fewer than 1'))
    expect(coerce(nonEmpty, [{ sku: 'no-id' }])).toStrictEqual(no('has 0 valid items, fewer than 1'))
    expect(coerce(arr(str, 2), ['a', ''])).toStrictEqual(no('has 1 valid item, fewer than 2'))
    expect(coerce(nonEmpty, [{ product_id: 'P-1' }])).toStrictEqual(yes([{ product_id: 'P-1' }]))
  })

  it('does not parse a JSON-looking string', () => {
    expect(coerce(arr(int), '[1,2]')).toStrictEqual(no('"[1,2]" is not an array'))
    expect(coerce(arr(int), { 0: 1, length: 1 })).toStrictEqual(no('[object] is not an array'))
  })

  it('refuses absurdly long arrays', () => {
    expect(coerce(arr(int), new Array<number>(1001).fill(1))).toStrictEqual(no('has 1001 items, more than 1000'))
    expect(coerce(arr(int), new Array<number>(1000).fill(1))).toStrictEqual(yes(new Array<number>(1000).fill(1)))
  })
})

describe('validateFields', () => {
  const fields = { id: req(str), count: int, tags: arr(str), flag: bool } satisfies Fields

  it('returns coerced values in the order of the spec', () => {
    const r = validateFields(fields, { flag: '', tags: ['a', 'b'], count: '3', id: 'X' }, 'Thing')
    expect(r).toStrictEqual({ ok: true, properties: { id: 'X', count: 3, tags: ['a', 'b'], flag: true }, violations: [] })
    expect(Object.keys(r.properties)).toEqual(['id', 'count', 'tags', 'flag'])
    expect(Object.getPrototypeOf(r.properties)).toBe(Object.prototype)
  })

  it('drops invalid, unplanned and missing values, and reports required ones', () => {
    expect(validateFields(fields, { id: {}, count: '2.5', tags: ['a', 7, { x: 1 }], color: 'red', flag: undefined }, 'Thing')).toStrictEqual({
      ok: false,
      properties: { tags: ['a', '7'] },
      violations: [
        'Thing: id [object] is not a string; dropped',
        'Thing: count "2.5" is not an integer; dropped',
        'Thing: tags[2] [object] is not a string; dropped',
        'Thing: "color" is not a property of Thing in the plan; dropped',
        'Thing: required "id" is missing',
      ],
    })
  })

  it('treats null, undefined and blank values as missing, silently unless required', () => {
    expect(validateFields(fields, { id: 'X', count: null, tags: undefined }, 'Thing')).toStrictEqual({
      ok: true,
      properties: { id: 'X' },
      violations: [],
    })
    expect(validateFields(fields, { id: '  ' }, 'Thing')).toStrictEqual({
      ok: false,
      properties: {},
      violations: ['Thing: required "id" is missing'],
    })
  })

  it('takes null or undefined input as empty, and reports any other non-object input', () => {
    expect(validateFields({ a: str }, null as unknown as Record<string, unknown>, 'Thing')).toStrictEqual({ ok: true, properties: {}, violations: [] })
    expect(validateFields({ a: str }, undefined as unknown as Record<string, unknown>, 'Thing')).toStrictEqual({ ok: true, properties: {}, violations: [] })
    expect(validateFields(fields, 'id=X' as unknown as Record<string, unknown>, 'Thing')).toStrictEqual({
      ok: false,
      properties: {},
      violations: ['Thing: the properties "id=X" are not an object; ignored', 'Thing: required "id" is missing'],
    })
    expect(validateFields({ a: str }, ['a'] as unknown as Record<string, unknown>, 'Thing').violations).toEqual([
      'Thing: the properties [array] are not an object; ignored',
    ])
  })

  it('reads only own properties', () => {
    const input = Object.create({ id: 'inherited' }) as Record<string, unknown>
    expect(validateFields(fields, input, 'Thing')).toStrictEqual({
      ok: false,
      properties: {},
      violations: ['Thing: required "id" is missing'],
    })
  })

  it('never throws on hostile getters or proxies', () => {
    const getter = Object.defineProperty({ id: 'X' }, 'count', {
      enumerable: true,
      get() {
        throw new Error('boom')
      },
    })
    expect(validateFields(fields, getter, 'Thing')).toStrictEqual({
      ok: false,
      properties: {},
      violations: ['Thing: the properties could not be read; nothing kept'],
    })
    const trap = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('boom')
        },
      },
    )
    expect(validateFields(fields, trap, 'Thing').ok).toBe(false)
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    expect(validateFields({ x: obj({}) }, { x: proxy }, 'Thing')).toStrictEqual({
      ok: false,
      properties: {},
      violations: ['Thing: the properties could not be read; nothing kept'],
    })
    expect(coerce(obj({}), proxy)).toStrictEqual(no('could not be read'))
  })

  it('does not loop on a cyclic spec', () => {
    const loop = { type: 'object', properties: {} as Record<string, Field> } satisfies Field
    loop.properties['self'] = loop
    const input: Record<string, unknown> = {}
    input['self'] = input
    const r = validateFields({ self: loop }, input, 'Loop')
    expect(r.ok).toBe(true)
    expect(r.violations).toEqual([`Loop: ${Array(17).fill('self').join('.')} is nested too deeply; dropped`])
  })
})

describe('validateEvent', () => {
  it('drops a value that cannot be coerced, with a clear sentence, and still sends the event', () => {
    expect(validateEvent('Product Clicked', { product_id: 'P-1001', price: 'abc', list_id: 'catalog' })).toStrictEqual({
      ok: true,
      properties: { product_id: 'P-1001', list_id: 'catalog' },
      violations: ['Product Clicked: price "abc" is not a number; dropped'],
    })
  })

  it('drops a property that is not in the plan', () => {
    expect(validateEvent('Product Clicked', { product_id: 'P-1001', foo: 'bar' })).toStrictEqual({
      ok: true,
      properties: { product_id: 'P-1001' },
      violations: ['Product Clicked: "foo" is not a property of Product Clicked in the plan; dropped'],
    })
  })

  it('is not ok when a required property is missing after coercion', () => {
    expect(validateEvent('Product List Viewed', { category: 'Nursing CE', products: [{ product_id: 'P-1' }] })).toStrictEqual({
      ok: false,
      properties: { category: 'Nursing CE', products: [{ product_id: 'P-1' }] },
      violations: ['Product List Viewed: required "list_id" is missing'],
    })
    expect(validateEvent('Product List Viewed', { list_id: ['x'], products: [{ product_id: 'P-1' }] })).toStrictEqual({
      ok: false,
      properties: { products: [{ product_id: 'P-1' }] },
      violations: ['Product List Viewed: list_id [array] is not a string; dropped', 'Product List Viewed: required "list_id" is missing'],
    })
  })

  it('keeps the good products of a list and drops the bad ones', () => {
    expect(
      validateEvent('Product List Viewed', {
        list_id: 'catalog',
        products: [
          { product_id: 'P-1', price: '9.5' },
          { sku: 'no-id', price: 'abc' },
          'P-3',
          null,
          { product_id: 'P-4', foo: 1, position: '4' },
        ],
      }),
    ).toStrictEqual({
      ok: true,
      properties: { list_id: 'catalog', products: [{ product_id: 'P-1', price: 9.5 }, { product_id: 'P-4', position: 4 }] },
      violations: [
        'Product List Viewed: products[1].price "abc" is not a number; dropped',
        'Product List Viewed: products[1] is missing required "product_id"; dropped',
        'Product List Viewed: products[2] "P-3" is not an object; dropped',
        'Product List Viewed: products[3] is empty; dropped',
        'Product List Viewed: "foo" is not a property of products[4] in the plan; dropped',
      ],
    })
  })

  it('is not ok when no product of a list is valid', () => {
    expect(validateEvent('Product List Viewed', { list_id: 'catalog', products: [{ name: 'no id' }] })).toStrictEqual({
      ok: false,
      properties: { list_id: 'catalog' },
      violations: [
        'Product List Viewed: products[0] is missing required "product_id"; dropped',
        'Product List Viewed: products has 0 valid items, fewer than 1; dropped',
        'Product List Viewed: required "products" is missing',
      ],
    })
    expect(validateEvent('Product List Viewed', { list_id: 'catalog', products: '[{"product_id":"P-1"}]' }).violations).toEqual([
      'Product List Viewed: products "[{\\"product_id\\":\\"P-1\\"}]" is not an array; dropped',
      'Product List Viewed: required "products" is missing',
    ])
  })

  it('refuses an event that is not in the plan (names are case-sensitive)', () => {
    for (const name of ['Foo', 'product clicked', 'Product Clicked ', '', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(validateEvent(name, { product_id: 'P-1' })).toStrictEqual({
        ok: false,
        properties: {},
        violations: [`${JSON.stringify(name)} is not an event of the tracking plan`],
      })
    }
    expect(validateEvent(42 as unknown as string, {}).violations).toEqual(['42 is not an event of the tracking plan'])
    expect(validateEvent('y'.repeat(100_000), {}).violations).toEqual([`"${'y'.repeat(61)}..." is not an event of the tracking plan`])
  })

  it('refuses an event of the other side', () => {
    expect(validateEvent('Order Completed', { order_id: 'O-1' }, 'client')).toStrictEqual({
      ok: false,
      properties: {},
      violations: ['"Order Completed" is a server-side event; the tag does not send it'],
    })
    expect(validateEvent('Product Clicked', { product_id: 'P-1' }, 'server')).toStrictEqual({
      ok: false,
      properties: {},
      violations: ['"Product Clicked" is a client-side event; the server does not send it'],
    })
    expect(validateEvent('Order Completed', { order_id: 'O-1' }, 'server')).toStrictEqual({ ok: true, properties: { order_id: 'O-1' }, violations: [] })
    expect(validateEvent('Order Completed', { order_id: 'O-1' })).toStrictEqual({ ok: true, properties: { order_id: 'O-1' }, violations: [] })
    for (const name of ['Product Added', 'Product Removed', 'Checkout Started', 'User Signed In'])
      expect(validateEvent(name, {}, 'client').ok).toBe(false)
  })

  it('refuses Logout, which is a reset', () => {
    for (const side of [undefined, 'client', 'server'] as const)
      expect(validateEvent('Logout', {}, side)).toStrictEqual({
        ok: false,
        properties: {},
        violations: ['"Logout" is not a tracked event: it calls analytics.reset(), never track()'],
      })
  })

  it('cannot pollute prototypes through "__proto__" keys', () => {
    const json = JSON.parse(
      '{"product_id":"P-1","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"list_id":"L"}',
    ) as Record<string, unknown>
    const r = validateEvent('Product Clicked', json)
    expect(r).toStrictEqual({
      ok: true,
      properties: { product_id: 'P-1', list_id: 'L' },
      violations: [
        'Product Clicked: "__proto__" is not a property of Product Clicked in the plan; dropped',
        'Product Clicked: "constructor" is not a property of Product Clicked in the plan; dropped',
      ],
    })
    const nested = JSON.parse('{"list_id":"L","products":[{"product_id":"P-1","__proto__":{"polluted":"yes"}}]}') as Record<string, unknown>
    expect(validateEvent('Product List Viewed', nested)).toStrictEqual({
      ok: true,
      properties: { list_id: 'L', products: [{ product_id: 'P-1' }] },
      violations: ['Product List Viewed: "__proto__" is not a property of products[0] in the plan; dropped'],
    })
    const bare = Object.create(null) as Record<string, unknown>
    bare['__proto__'] = { polluted: 'yes' }
    bare['product_id'] = 'P-1'
    expect(validateEvent('Product Clicked', bare).properties).toStrictEqual({ product_id: 'P-1' })
    // a hostile spec cannot make us assign __proto__ either
    const hostile = JSON.parse('{"__proto__":{"type":"object","properties":{}}}') as Fields
    const h = validateFields(hostile, JSON.parse('{"__proto__":{"polluted":"yes"}}') as Record<string, unknown>, 'Hostile')
    expect(Object.getPrototypeOf(h.properties)).toBe(Object.prototype)
    expect(Object.keys(h.properties)).toEqual([])
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect((Object.prototype as unknown as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('does not throw on cyclic input', () => {
    const item: Record<string, unknown> = { product_id: 'P-1' }
    item['self'] = item
    const input: Record<string, unknown> = { list_id: 'L', category: 'C' }
    input['products'] = [item, input]
    expect(validateEvent('Product List Viewed', input)).toStrictEqual({
      ok: true,
      properties: { list_id: 'L', category: 'C', products: [{ product_id: 'P-1' }] },
      violations: [
        // category is a Product field too: valid on the cyclic item, which only lacks product_id
        'Product List Viewed: "self" is not a property of products[0] in the plan; dropped',
        'Product List Viewed: "list_id" is not a property of products[1] in the plan; dropped',
        'Product List Viewed: "products" is not a property of products[1] in the plan; dropped',
        'Product List Viewed: products[1] is missing required "product_id"; dropped',
      ],
    })
  })

  it('copies: the output shares no object with the input', () => {
    const products = [{ product_id: 'P-1' }]
    const r = validateEvent('Cart Viewed', { products })
    expect(r.properties['products']).not.toBe(products)
    expect((r.properties['products'] as unknown[])[0]).not.toBe(products[0])
  })
})

describe('validateTraits', () => {
  it('refuses unknown events, Logout and events without an Identify', () => {
    expect(validateTraits('Foo', {}).violations).toEqual(['"Foo" is not an event of the tracking plan'])
    expect(validateTraits('Logout', {}).violations).toEqual(['"Logout" is not a tracked event: it calls analytics.reset(), never track()'])
    expect(validateTraits('Product Added', { email: 'a@b.c' })).toStrictEqual({
      ok: false,
      properties: {},
      violations: ['"Product Added" sends no Identify; it has no traits in the plan'],
    })
  })

  it('labels its violations as traits', () => {
    expect(validateTraits('User Signed In', { email: 'a@b.c', password: 'hunter2' })).toStrictEqual({
      ok: true,
      properties: { email: 'a@b.c' },
      violations: ['User Signed In traits: "password" is not a property of User Signed In traits in the plan; dropped'],
    })
  })
})

it('every plan event validates an empty input without throwing', () => {
  for (const name of Object.keys(plan)) expect(() => validateEvent(name, {})).not.toThrow()
})
