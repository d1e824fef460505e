// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { validateEvent } from '../plan/validate'
import { containerOf, forgetPositions, listOf, productOf, productsIn, promotionOf, withCurrency } from './attributes'

declare const happyDOM: { setURL(url: string): void }

const page = (html: string) => {
  document.body.innerHTML = html
  return (selector: string) => document.querySelector(selector)!
}

beforeEach(() => happyDOM.setURL('https://academy.example/catalog/nursing.html'))

describe('productOf', () => {
  it('reads every field of the product element as written, for the plan to coerce', () => {
    const $ = page(`
      <article id="p" data-analytics-product="P-1001" data-analytics-sku="CE-1001" data-analytics-name="Wound Care"
        data-analytics-category="Nursing CE" data-analytics-brand="Relias" data-analytics-variant="online"
        data-analytics-price="49.99" data-analytics-quantity="2" data-analytics-coupon="SPRING" data-analytics-position="7"
        data-analytics-url="/product/P-1001" data-analytics-image-url="https://cdn.example/p1001.png" data-analytics-list="ignored here"></article>`)
    expect(productOf($('#p'))).toStrictEqual({
      product_id: 'P-1001',
      sku: 'CE-1001',
      name: 'Wound Care',
      category: 'Nursing CE',
      brand: 'Relias',
      variant: 'online',
      price: '49.99',
      quantity: '2',
      coupon: 'SPRING',
      position: '7',
      url: 'https://academy.example/product/P-1001',
      image_url: 'https://cdn.example/p1001.png',
    })
  })

  it('takes url from its own href or its first link, and image_url from its first image, made absolute', () => {
    const $ = page(`
      <a id="own" href="../product.html?id=P-1" data-analytics-product="P-1"><img src="img/p1.svg"></a>
      <div id="inner" data-analytics-product="P-2"><span>no link here</span><a href="/product.html?id=P-2">P-2</a><a href="/other">other</a>
        <img alt="no src"><img src="/img/p2.svg"><img src="/img/second.svg"></div>
      <div id="none" data-analytics-product="P-3">no link, no image</div>`)
    expect(productOf($('#own'))).toStrictEqual({
      product_id: 'P-1',
      url: 'https://academy.example/product.html?id=P-1',
      image_url: 'https://academy.example/catalog/img/p1.svg',
    })
    expect(productOf($('#inner'))).toStrictEqual({
      product_id: 'P-2',
      url: 'https://academy.example/product.html?id=P-2',
      image_url: 'https://academy.example/img/p2.svg',
    })
    expect(productOf($('#none'))).toStrictEqual({ product_id: 'P-3' })
  })

  it('does not report a javascript: link or a data: placeholder image as a default; a blank attribute takes the default', () => {
    const $ = page(`
      <div id="p" data-analytics-product="P-1" data-analytics-url=" " data-analytics-image-url="">
        <a href="javascript:void(0)">quick view</a><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
      </div>`)
    expect(productOf($('#p'))).toStrictEqual({ product_id: 'P-1' })
  })
})

describe('positions', () => {
  const catalog = `
    <section id="list" data-analytics-list="catalog" data-analytics-category="Nursing CE">
      <article id="a" data-analytics-product="A"></article>
      <div><article id="b" data-analytics-product="B" data-analytics-position="12"></article></div>
      <section id="nested" data-analytics-list="related"><article id="n" data-analytics-product="N"></article></section>
      <article id="c" data-analytics-product="C" data-analytics-position=""></article>
    </section>
    <section id="cart" data-analytics-cart="CART-77"><div id="line" data-analytics-product="A" data-analytics-quantity="2"></div></section>
    <article id="alone" data-analytics-product="Z"></article>`

  it('are the 1-based order among the products of the nearest list or cart; an explicit position wins', () => {
    const $ = page(catalog)
    expect(productsIn($('#list')).map((p) => p.id)).toEqual(['a', 'b', 'c'])
    expect(['#a', '#b', '#c', '#n', '#line', '#alone'].map((s) => productOf($(s)).position)).toEqual([1, '12', 3, 1, 1, undefined])
    expect(containerOf($('#n'))).toBe($('#nested'))
    expect(containerOf($('#alone'))).toBeNull()
  })

  it('continue after the products a list already had when more are appended, and follow removals', () => {
    const $ = page(catalog)
    expect(productOf($('#c')).position).toBe(3)
    $('#list').insertAdjacentHTML('beforeend', '<article id="d" data-analytics-product="D"></article><article id="e" data-analytics-product="E"></article>')
    // What the markup observer reports (positions.ts): the list is numbered again when next needed.
    forgetPositions()
    expect(productsIn($('#list')).map((p) => productOf(p).position)).toEqual([1, '12', 3, 4, 5])
    const a = $('#a')
    a.remove()
    forgetPositions()
    expect(productsIn($('#list')).map((p) => productOf(p).position)).toEqual(['12', 2, 3, 4])
  })
})

describe('lists, details and promotions', () => {
  it('read their own fields', () => {
    const $ = page(`
      <section id="list" data-analytics-list="catalog-nursing" data-analytics-category="Nursing CE"></section>
      <main id="detail" data-analytics-product="P-1001" data-analytics-detail data-analytics-price="49.99" data-analytics-currency="USD"></main>
      <a id="promo" href="/promo/spring" data-analytics-promotion="spring-sale" data-analytics-creative="hero-v2"
         data-analytics-name="Spring Sale" data-analytics-position="home_banner_top">Spring</a>`)
    expect(listOf($('#list'))).toStrictEqual({ list_id: 'catalog-nursing', category: 'Nursing CE' })
    expect(withCurrency($('#detail'), productOf($('#detail')))).toStrictEqual({ product_id: 'P-1001', price: '49.99', currency: 'USD' })
    expect(promotionOf($('#promo'))).toStrictEqual({ promotion_id: 'spring-sale', creative: 'hero-v2', name: 'Spring Sale', position: 'home_banner_top' })
  })
})

describe('read and validated against the plan', () => {
  it('coerces every product; a bad price or position is dropped with a violation naming the field', () => {
    const $ = page(`
      <section id="list" data-analytics-list="catalog" data-analytics-category="Nursing CE">
        <article data-analytics-product="P-1" data-analytics-price="49.99" data-analytics-quantity="1"><a href="/p/1">One</a></article>
        <article data-analytics-product="P-2" data-analytics-price="$5" data-analytics-position="second"><a href="/p/2">Two</a></article>
        <article data-analytics-product="P-3" data-analytics-price="19" data-analytics-position="9"></article>
      </section>`)
    const products = productsIn($('#list')).map(productOf)
    const result = validateEvent('Product List Viewed', { ...listOf($('#list')), products }, 'client')
    expect(result).toStrictEqual({
      ok: true,
      properties: {
        list_id: 'catalog',
        category: 'Nursing CE',
        products: [
          { product_id: 'P-1', price: 49.99, quantity: 1, position: 1, url: 'https://academy.example/p/1' },
          { product_id: 'P-2', url: 'https://academy.example/p/2' },
          { product_id: 'P-3', price: 19, position: 9 },
        ],
      },
      violations: [
        'Product List Viewed: products[1].price "$5" is not a number; dropped',
        'Product List Viewed: products[1].position "second" is not an integer; dropped',
      ],
    })
  })

  it('a product without its id is dropped from the list, and the list is not sent without any product', () => {
    const $ = page(`<section id="list" data-analytics-list="catalog"><article data-analytics-product=" " data-analytics-price="5"></article></section>`)
    const result = validateEvent('Product List Viewed', { ...listOf($('#list')), products: productsIn($('#list')).map(productOf) }, 'client')
    expect(result.ok).toBe(false)
    expect(result.violations).toEqual([
      'Product List Viewed: products[0] is missing required "product_id"; dropped',
      'Product List Viewed: products has 0 valid items, fewer than 1; dropped',
      'Product List Viewed: required "products" is missing',
    ])
  })
})
