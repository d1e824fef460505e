import { describe, expect, it } from 'vitest'
import { checkElement, closest, isDynamic } from './markup'

const messages = (attributes: Record<string, string>, ancestors?: Record<string, string>[]) => checkElement(attributes, ancestors).map((p) => p.message)
const list = { 'data-analytics-list': 'catalog' }

describe('checkElement (the rules shared by the linter and the debug overlay)', () => {
  it('passes the contract\'s own examples', () => {
    expect(messages({ 'data-analytics-event': 'Forgot Password Button Clicked' })).toEqual([])
    expect(messages({ 'data-analytics-event': 'Forgot Password Email Sent', 'data-analytics-on': 'load', class: 'ok' })).toEqual([])
    expect(messages({ 'data-analytics-list': 'catalog-nursing', 'data-analytics-category': 'Nursing CE' })).toEqual([])
    expect(
      messages(
        { 'data-analytics-product': 'P-1001', 'data-analytics-sku': 'CE-1001', 'data-analytics-name': 'Wound Care', 'data-analytics-price': '49.99' },
        [{}, list],
      ),
    ).toEqual([])
    expect(messages({ 'data-analytics-product': 'P-1001', 'data-analytics-detail': '', 'data-analytics-currency': 'USD' }, [])).toEqual([])
    expect(messages({ 'data-analytics-product': 'P-1001', 'data-analytics-quantity': '2' }, [{ 'data-analytics-cart': 'CART-77' }])).toEqual([])
    const promotion = { 'data-analytics-promotion': 'spring-sale', 'data-analytics-creative': 'hero-v2', 'data-analytics-name': 'Spring Sale', 'data-analytics-position': 'home_banner_top' }
    expect(messages(promotion, [])).toEqual([])
    expect(messages({ 'data-analytics-logout': '', 'data-analytics-ignore': '' })).toEqual([])
  })

  it('reports the attribute each problem is about', () => {
    expect(checkElement({ id: 'x', 'data-analytics-event': 'Product Clicked', 'data-analytics-prop-price': 'x' })).toEqual([
      { attribute: 'data-analytics-prop-price', message: 'Product Clicked: price "x" is not a number; dropped' },
      { attribute: 'data-analytics-event', message: 'Product Clicked: required "product_id" is missing' },
    ])
  })

  it('ignores the page\'s own data-* attributes unless they are a near miss of ours', () => {
    expect(messages({ 'data-toggle': 'modal', 'data-analytics-id': '7', 'data-analytic-on': 'click' })).toEqual([
      'unknown attribute data-analytics-id',
      'unknown attribute data-analytic-on (did you mean data-analytics-on?)',
    ])
  })

  it('checks a product\'s place only where it is known', () => {
    const product = { 'data-analytics-product': 'P-1' }
    expect(messages(product)).toEqual([])
    expect(messages(product, [{ class: 'grid' }])).toEqual([
      'product outside any list, cart or detail: put it inside data-analytics-list or data-analytics-cart, or mark it data-analytics-detail; it sends nothing',
    ])
  })

  it('checks only the presence of a value the server fills in', () => {
    expect(
      messages({ 'data-analytics-event': 'Promotion Clicked', 'data-analytics-prop-promotion-id': '${promo.id}', 'data-analytics-on': '<%= on %>' }),
    ).toEqual([])
    expect(messages({ 'data-analytics-product': '${p.id}', 'data-analytics-price': '<c:out value="${p.price}"/>' }, [list])).toEqual([])
    expect(messages({ 'data-analytics-event': '${name}', 'data-analytics-prop-anything': '1' })).toEqual([])
  })
})

describe('isDynamic', () => {
  it('recognises JSP EL, scriptlets and custom tags', () => {
    expect(['${p.id}', 'list-${c}', '#{bean.x}', '<%= x %>', '<c:out value="x"/>', '<fmt:formatNumber value="1"/>'].every(isDynamic)).toBe(true)
    expect(['P-1', '$5', '{x}', '<b>', '50%'].some(isDynamic)).toBe(false)
  })
})

describe('closest: the distance', () => {
  it('counts a swap of two neighbouring letters as one edit, other edits as before', () => {
    expect(closest('nmae', ['name'], 1)).toBe('name')
    expect(closest('evnet', ['event'], 1)).toBe('event')
    expect(closest('abc', ['cba'], 1)).toBeUndefined()
    expect(closest('abc', ['cba'], 2)).toBe('cba')
    expect(closest('kitten', ['sitting'], 2)).toBeUndefined()
    expect(closest('kitten', ['sitting'], 3)).toBe('sitting')
  })

  it('suggests data-analytics-name for data-analytics-nmae', () => {
    expect(checkElement({ 'data-analytics-product': 'P-1', 'data-analytics-nmae': 'Wound Care' }, [{ 'data-analytics-list': 'l' }])).toEqual([
      { attribute: 'data-analytics-nmae', message: 'unknown attribute data-analytics-nmae (did you mean data-analytics-name?)' },
    ])
  })
})

describe('closest', () => {
  it('finds the nearest candidate within the distance, the first of equals', () => {
    expect(closest('evnt', ['event', 'on'], 1)).toBe('event')
    expect(closest('colour', ['logout'], 2)).toBeUndefined()
    expect(closest('ab', ['ac', 'ad'], 1)).toBe('ac')
  })
})
