/**
 * The benchmark's pages, one per page kind and variant, generated with the same visible markup:
 * - `landing`: an ordinary store page, one list of 20 products and 2 promotions;
 * - `catalog`: 50 product lists of 100 products (5,000) with a promotion after every 10 products (500);
 * - `promotions`: 2,000 promotions, five to a row, to scroll through.
 * Variants:
 * - `floor`: no analytics at all: the academy page without the tag (its data-attributes are inert markup), so that
 *   the two differ by the tag alone. Chromium 150 layerizes the same promotions without the attributes some 15 ms
 *   slower over the scroll (traced: Layerize), which would credit the tag with a markup effect;
 * - `stock`: what a team would use instead: Segment's snippet loading analytics-next's standalone build, with the
 *   tracking written by hand: inline `analytics.track(...)` in onclick attributes, and one IntersectionObserver
 *   for Promotion Viewed and Product List Viewed (what the tag sends for the same markup);
 * - `academy`: the tag from dist/, with the contract's data-attributes (contract §3).
 */
export const VARIANTS = ['floor', 'stock', 'academy'] as const
export type Variant = (typeof VARIANTS)[number]
export const PAGES = ['landing', 'catalog', 'promotions'] as const
export type PageKind = (typeof PAGES)[number]

export const WRITE_KEY = 'demo-write-key'
export const LISTS = 50
export const PER_LIST = 100
export const PROMOTION_EVERY = 10
export const SCROLL_PROMOTIONS = 2_000

/** Segment's snippet (5.2.0), loading the standalone build from `cdn` (`analytics._cdn`, as for a CDN proxy). */
export function snippet(cdn: string): string {
  return `!function(){var i="analytics",analytics=window[i]=window[i]||[];if(!analytics.initialize)if(analytics.invoked)window.console&&console.error&&console.error("Segment snippet included twice.");else{analytics.invoked=!0;analytics.methods=["trackSubmit","trackClick","trackLink","trackForm","pageview","identify","reset","group","track","ready","alias","debug","page","screen","once","off","on","addSourceMiddleware","addIntegrationMiddleware","setAnonymousId","addDestinationMiddleware","register"];analytics.factory=function(e){return function(){if(window[i].initialized)return window[i][e].apply(window[i],arguments);var n=Array.prototype.slice.call(arguments);if(["track","screen","alias","group","page","identify"].indexOf(e)>-1){var c=document.querySelector("link[rel='canonical']");n.push({__t:"bpc",c:c&&c.getAttribute("href")||void 0,p:location.pathname,u:location.href,s:location.search,t:document.title,r:document.referrer})}n.unshift(e);analytics.push(n);return analytics}};for(var n=0;n<analytics.methods.length;n++){var key=analytics.methods[n];analytics[key]=analytics.factory(key)}analytics.load=function(key,n){var t=document.createElement("script");t.type="text/javascript";t.async=!0;t.setAttribute("data-global-segment-analytics-key",i);t.src="${cdn}/analytics.js/v1/" + key + "/analytics.min.js";var r=document.getElementsByTagName("script")[0];r.parentNode.insertBefore(t,r);analytics._loadOptions=n};analytics._writeKey="${WRITE_KEY}";analytics._cdn="${cdn}";analytics.SNIPPET_VERSION="5.2.0";
analytics.load("${WRITE_KEY}");
analytics.page();
}}();`
}

/** The hand-written impressions of the stock variant: once per element, a promotion when half of it is visible. */
const STOCK_IMPRESSIONS = `
var seen = new IntersectionObserver(function (entries) {
  entries.forEach(function (entry) {
    var d = entry.target.dataset
    if (!entry.isIntersecting || (d.promotionId && entry.intersectionRatio < 0.5)) return
    seen.unobserve(entry.target)
    if (d.promotionId) {
      analytics.track('Promotion Viewed', { promotion_id: d.promotionId, creative: d.creative, name: d.name, position: d.position })
    } else {
      var products = Array.prototype.map.call(entry.target.querySelectorAll('[data-product-id]'), function (p, i) {
        return { product_id: p.dataset.productId, sku: p.dataset.sku, name: p.dataset.name, price: Number(p.dataset.price), position: i + 1 }
      })
      analytics.track('Product List Viewed', { list_id: d.listId, category: d.category, products: products })
    }
  })
}, { threshold: [0, 0.5] })
document.querySelectorAll('[data-promotion-id], [data-list-id]').forEach(function (element) { seen.observe(element) })`

const STYLE = `
  body { font: 12px sans-serif; margin: 0; }
  .list { display: grid; grid-template-columns: repeat(5, 1fr); gap: 4px; margin: 8px; }
  .p, .promo { height: 48px; border: 1px solid #ccc; padding: 2px; overflow: hidden; }
  .promo { display: block; background: #fde; }
  .p h3 { font-size: 12px; margin: 0; }
  .p button { font-size: 10px; }`

const js = (value: unknown) => JSON.stringify(value).replaceAll('"', "'")

function promotion(variant: Variant, n: number): string {
  const fields = { promotion_id: `promo-${n}`, creative: `banner-${n % 7}`, name: `Spring Sale ${n}`, position: `slot_${n}` }
  const text = `${fields.name}: 20% off`
  if (variant === 'stock')
    return (
      `<a class="promo" href="/promo/${n}" data-promotion-id="${fields.promotion_id}" data-creative="${fields.creative}" data-name="${fields.name}" ` +
      `data-position="${fields.position}" onclick="analytics.track('Promotion Clicked', ${js(fields)})">${text}</a>`
    )
  return (
    `<a class="promo" href="/promo/${n}" data-analytics-promotion="${fields.promotion_id}" data-analytics-creative="${fields.creative}" ` +
    `data-analytics-name="${fields.name}" data-analytics-position="${fields.position}">${text}</a>`
  )
}

function product(variant: Variant, list: number, position: number, n: number): string {
  const id = `P-${String(n).padStart(5, '0')}`
  const fields = { product_id: id, sku: `CE-${n}`, name: `Wound Care ${n}`, price: 9.99 + (n % 90) }
  const body = `<h3>${fields.name}</h3><a href="/product/${id}">Details</a> $${fields.price.toFixed(2)} <button>Add to cart</button>`
  if (variant === 'stock')
    return (
      `<article class="p" data-product-id="${id}" data-sku="${fields.sku}" data-name="${fields.name}" data-price="${fields.price}" ` +
      `onclick="analytics.track('Product Clicked', ${js({ ...fields, list_id: `catalog-${list}`, position })})">${body}</article>`
    )
  return (
    `<article class="p" data-analytics-product="${id}" data-analytics-sku="${fields.sku}" data-analytics-name="${fields.name}" ` +
    `data-analytics-price="${fields.price}">${body}</article>`
  )
}

function list(variant: Variant, n: number, items: string): string {
  const category = `Nursing CE ${n % 5}`
  if (variant === 'stock') return `<section class="list" data-list-id="catalog-${n}" data-category="${category}">${items}</section>`
  return `<section class="list" data-analytics-list="catalog-${n}" data-analytics-category="${category}">${items}</section>`
}

function body(kind: PageKind, variant: Variant): string {
  if (kind === 'promotions') {
    const promotions = Array.from({ length: SCROLL_PROMOTIONS }, (_, i) => promotion(variant, i + 1))
    return `<div class="list">${promotions.join('\n')}</div>`
  }
  const [lists, perList] = kind === 'catalog' ? [LISTS, PER_LIST] : [1, 20]
  let n = 0
  let promotions = 0
  return Array.from({ length: lists }, (_, l) => {
    const items: string[] = []
    for (let position = 1; position <= perList; position++) {
      items.push(product(variant, l + 1, position, ++n))
      if (position % PROMOTION_EVERY === 0) items.push(promotion(variant, ++promotions))
    }
    return list(variant, l + 1, items.join('\n'))
  }).join('\n')
}

/** The HTML of one page; `site` is the page's own origin (the stock variant's CDN), `apiHost` the collector's /v1. */
export function page(kind: PageKind, variant: Variant, site: string, apiHost: string): string {
  const head =
    variant === 'academy'
      ? `<script async src="/static/analytics/academy-analytics.js" data-write-key="${WRITE_KEY}" data-api-host="${apiHost}"></script>`
      : variant === 'stock'
        ? `<script>${snippet(site)}</script>`
        : ''
  const tail = variant === 'stock' ? `<script>${STOCK_IMPRESSIONS}</script>` : ''
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Bench: ${kind} (${variant})</title>
<style>${STYLE}</style>
${head}
</head>
<body>
${body(kind, variant)}
${tail}
</body>
</html>
`
}
