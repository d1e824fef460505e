/**
 * Property-based: random attribute sets (names, values, nesting, unicode, huge strings, JSON-looking text,
 * __proto__, HTML) rendered on a page, then clicked, middle-clicked, submitted and scrolled through. The page
 * never sees an error or an unhandled rejection (the pageErrors fixture), and every event that reaches the
 * collector validates against the plan (here, and against the exported JSON Schemas in the fixture).
 */
import fc from 'fast-check'
import { validateEvent } from '../src/plan/validate'
import { plan } from '../src/plan/events'
import { expect, test } from './fixtures'

const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000)
const PER_PAGE = 50
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)

const names = [
  'event', 'on', 'ignore', 'logout', 'list', 'category', 'product', 'detail', 'cart', 'promotion', 'creative', 'name', 'position',
  'sku', 'brand', 'variant', 'price', 'quantity', 'coupon', 'currency', 'url', 'image-url', 'prop-price', 'prop-name',
  'prop-promotion-id', 'prop-product-id', 'prop-list-id', 'prop-__proto__', 'prop-constructor', 'prop-', 'evnt', 'prop-x-y-z',
].map((name) => `data-analytics-${name}`)

const value = fc.oneof(
  fc.constantFrom(...Object.keys(plan), 'click', 'submit', 'load', 'view', 'hover', '', '__proto__', 'constructor', 'true', '0', '-1'),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.double().map(String),
  fc.integer().map(String),
  fc.json({ maxDepth: 2 }),
  fc.constantFrom('<img src=x onerror=alert(1)>', '"><script>throw 1</script>', '${param.id}', '{"__proto__":{"polluted":1}}'),
  fc.nat({ max: 3 }).map((n) => 'x'.repeat(10 ** (n + 2))), // up to 100,000 characters
)

interface Node {
  tag: string
  attributes: Record<string, string>
  children: Node[]
}

/** An element with random analytics attributes and up to three children, nested up to `depth` levels. */
const element = (depth: number): fc.Arbitrary<Node> =>
  fc.record({
    tag: fc.constantFrom('div', 'section', 'article', 'a', 'button', 'form', 'span', 'img', 'label', 'input'),
    attributes: fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 6 }),
    children: depth === 0 ? fc.constant([]) : fc.array(element(depth - 1), { maxLength: 3 }),
  })
const tree = element(3)

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
const VOID = new Set(['img', 'input'])

function html(node: Node): string {
  const attributes = Object.entries(node.attributes).map(([name, v]) => ` ${name}="${escape(v)}"`).join('')
  if (VOID.has(node.tag)) return `<${node.tag}${attributes}>`
  return `<${node.tag}${attributes}>${node.tag}${node.children.map(html).join('')}</${node.tag}>`
}

test(`${RUNS} random attribute sets: no page error, every event that arrives validates against the plan`, async ({ page, collector }) => {
  test.setTimeout(60_000 + RUNS * 300)
  const sets = fc.sample(tree, { numRuns: RUNS, seed: SEED })
  test.info().annotations.push({ type: 'fast-check seed', description: `FUZZ_SEED=${SEED}` })
  for (let from = 0; from < sets.length; from += PER_PAGE) {
    await page.goto('/e2e/fuzz.html')
    const markup = sets.slice(from, from + PER_PAGE).map(html)
    await page.evaluate((parts) => {
      const main = document.getElementById('fuzz')!
      // Half parsed with the page, half inserted later, as scripts do.
      main.innerHTML = parts.slice(0, parts.length / 2).join('')
      for (const part of parts.slice(parts.length / 2)) main.insertAdjacentHTML('beforeend', part)
    }, markup)
    await page.evaluate(async () => {
      const all = Array.from(document.querySelectorAll('#fuzz *'))
      for (const element of all) {
        // Links here have no href, forms are handled by the page: nothing navigates.
        element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
        element.dispatchEvent(new MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 }))
        if (element instanceof HTMLFormElement) element.requestSubmit()
      }
      for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
        scrollTo(0, y)
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 16)))
      }
      await window.academyAnalytics!.ready()
    })
  }
  await page.goto('/e2e/nav-to.html') // leaving the last page sends what it still holds
  await collector.waitFor((events) => events.some((e) => e.type === 'page' && (e.properties as { path: string }).path === '/e2e/nav-to.html'), 30_000)
  // Every page's view arrived: nothing was lost on the way.
  expect(collector.events().filter((e) => e.type === 'page').length).toBe(Math.ceil(RUNS / PER_PAGE) + 1)
  const tracked = collector.events().filter((e) => e.type === 'track')
  test.info().annotations.push({ type: 'events', description: `${tracked.length} track events validated` })
  for (const event of tracked) {
    const result = validateEvent(String(event.event), event.properties as Record<string, unknown>, 'client')
    expect({ event: event.event, ...result }, `seed ${SEED}`).toEqual({ event: event.event, ok: true, properties: event.properties, violations: [] })
  }
})
