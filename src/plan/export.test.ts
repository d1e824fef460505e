import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { files } from '../../scripts/plan'
import { trackingPlanRules, type TrackingPlanRule } from './export'

describe('the generated plan files in docs/', () => {
  it.each(Object.entries(files))('%s is current (npm run plan:docs / plan:export)', (_, file) => {
    expect(readFileSync(file.path, 'utf8'), `${file.path} is out of date: run npm run plan:docs and npm run plan:export`).toBe(file.generate())
  })
})

describe('the Protocols rules', () => {
  const { rules } = trackingPlanRules()
  const ajv = new Ajv({ allErrors: true, strict: true }).addKeyword('labels')
  addFormats.default(ajv)
  const rule = (type: TrackingPlanRule['type'], key?: string) => rules.find((r) => r.type === type && r.key === key)!
  const errors = (r: TrackingPlanRule, event: object) => {
    const validate = ajv.compile(r.jsonSchema)
    return validate(event) ? [] : validate.errors!.map((e) => `${e.instancePath || 'event'} ${e.message}`)
  }
  // The envelope analytics-next sends (and the collector stores) around the properties.
  const envelope = {
    messageId: 'ajs-next-1d1c…',
    anonymousId: '4b5e…',
    timestamp: '2026-05-04T10:00:00.000Z',
    context: { page: { path: '/catalog' }, userAgent: 'Chromium', library: { name: 'analytics.js', version: 'npm:next-1.84.3' } },
    integrations: {},
    writeKey: 'demo-write-key',
    receivedAt: '2026-05-04T10:00:00.100Z',
  }

  it('has one versioned rule per planned call: TRACK per event, one PAGE, one IDENTIFY, no rule for Logout', () => {
    expect(rules.map((r) => [r.type, r.key, r.version])).toEqual([
      ['PAGE', undefined, 1],
      ...[
        'Product List Viewed', 'Product Clicked', 'Product Viewed', 'Cart Viewed', 'Promotion Viewed', 'Promotion Clicked',
        'Forgot Password Button Clicked', 'Forgot Password Email Requested', 'Forgot Password Email Sent', 'Billing Address Updated',
        'Chat Opened', 'Chat Closed', 'Live Chat Conversation Started', 'Live Chat Message Received', 'Live Chat Conversation Ended',
        'User Signed Up', 'User Signed In', 'User Updated Profile', 'User Viewed Licenses', 'Product Added', 'Product Removed',
        'Checkout Started', 'Order Completed',
      ].map((key) => ['TRACK', key, 1]),
      ['IDENTIFY', undefined, 1],
    ])
    for (const r of rules) expect(ajv.validateSchema(r.jsonSchema), r.key).toBe(true)
  })

  it('writes the schemas as Protocols does: the whole event, properties under properties, traits under traits', () => {
    expect(rule('TRACK', 'Promotion Clicked').jsonSchema).toEqual({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      description: 'A promotion is clicked.',
      labels: { side: 'client' },
      properties: {
        context: {},
        traits: {},
        properties: {
          type: 'object',
          properties: { promotion_id: { type: 'string' }, creative: { type: 'string' }, name: { type: 'string' }, position: { type: 'string' } },
          required: ['promotion_id'],
          additionalProperties: false,
        },
      },
      required: ['properties'],
    })
    expect(rule('IDENTIFY').jsonSchema.properties).toMatchObject({
      properties: {},
      traits: {
        properties: {
          email: { type: 'string' },
          first_name: { type: 'string' },
          last_name: { type: 'string' },
          phone: { type: 'string', pattern: '^[0-9]+$' },
          company_name: { type: 'string' },
          licenses: { type: 'array', items: { type: 'object', properties: { expiration_date: { type: 'string', format: 'date' } } } },
        },
        additionalProperties: false,
      },
    })
  })

  it('validates events as they arrive', () => {
    expect(errors(rule('PAGE'), { ...envelope, type: 'page', properties: { path: '/catalog', url: 'https://a/catalog', referrer: '', search: '', title: 'Catalog' } })).toEqual([])
    const products = [{ product_id: 'P-1001', sku: 'CE-1001', price: 49.99, position: 1, url: 'https://a/p/1', image_url: 'https://a/i/1.png' }]
    expect(errors(rule('TRACK', 'Product List Viewed'), { ...envelope, type: 'track', event: 'Product List Viewed', properties: { list_id: 'catalog', products } })).toEqual([])
    expect(errors(rule('TRACK', 'Forgot Password Email Sent'), { ...envelope, type: 'track', event: 'Forgot Password Email Sent', properties: {} })).toEqual([])
    expect(errors(rule('IDENTIFY'), { ...envelope, type: 'identify', userId: 'u-1', traits: { email: 'a@b.c', licenses: [{ state: 'NC', expiration_date: '2027-01-31' }] } })).toEqual([])
    expect(errors(rule('IDENTIFY'), { ...envelope, type: 'identify', userId: 'u-1', traits: {} })).toEqual([])
    expect(errors(rule('TRACK', 'Order Completed'), { ...envelope, type: 'track', event: 'Order Completed', properties: { order_id: 'O-1', total: 97.18, products: [{ product_id: 'P-1', quantity: 2 }] } })).toEqual([])
  })

  it('rejects what the plan does not allow', () => {
    const clicked = rule('TRACK', 'Product Clicked')
    expect(errors(clicked, { ...envelope, type: 'track', event: 'Product Clicked', properties: { product_id: 'P-1', price: '49.99', quantity: 1.5, colour: 'red' } })).toEqual([
      '/properties must NOT have additional properties',
      '/properties/price must be number',
      '/properties/quantity must be integer',
    ])
    expect(errors(clicked, { ...envelope, type: 'track', event: 'Product Clicked', properties: {} })).toEqual(["/properties must have required property 'product_id'"])
    expect(errors(clicked, { ...envelope, type: 'track', event: 'Product Clicked' })).toEqual(["event must have required property 'properties'"])
    expect(errors(rule('TRACK', 'Product List Viewed'), { type: 'track', properties: { list_id: 'x', products: [] } })).toEqual(['/properties/products must NOT have fewer than 1 items'])
    expect(errors(rule('IDENTIFY'), { type: 'identify', traits: { phone: '+1 555', licenses: [{ expiration_date: '2027-02-30' }] } })).toEqual([
      '/traits/phone must match pattern "^[0-9]+$"',
      '/traits/licenses/0/expiration_date must match format "date"',
    ])
    expect(errors(rule('TRACK', 'User Updated Profile'), { type: 'track', properties: { sections: ['card_number'] } })).toEqual([
      '/properties/sections/0 must be equal to one of the allowed values',
    ])
  })
})
