/**
 * The markup rules: what is wrong with an element's data-analytics-* attributes (the attribute contract), as pure
 * functions of attribute values. The attribute linter (JSP and HTML files, in Node) and the debug overlay (the live
 * page) both use them, so they report the same problems in the same words, which are the tag's own where the tag
 * reports the problem at run time too.
 */
import { isEventName, plan, product, type EventSpec } from './events'
import type { Field, Fields } from './schema'
import { coerce, refusalOf } from './validate'

/** An element's attributes, names in lower case, in document order. */
export type Attributes = Readonly<Record<string, string>>

export interface MarkupProblem {
  /** The attribute the problem is about: where the linter points. */
  attribute: string
  message: string
}

const PREFIX = 'data-analytics-'
const PROP = PREFIX + 'prop-'
const EVENT = PREFIX + 'event'
const ON = PREFIX + 'on'
const TRIGGERS: readonly string[] = ['click', 'submit', 'load', 'view']

/** The commerce elements, by the attribute that holds their id, and the plan's name for that id. */
const IDS = { product: 'product_id', list: 'list_id', promotion: 'promotion_id', cart: 'cart_id' } as const
type Owner = keyof typeof IDS

/** The other commerce attributes: the elements they describe, and the plan field a product's value is coerced to. */
const FIELDS: Readonly<Record<string, { owners: readonly Owner[]; field?: Field }>> = {
  sku: { owners: ['product'], field: product.sku },
  name: { owners: ['product', 'promotion'], field: product.name },
  category: { owners: ['product', 'list'], field: product.category },
  brand: { owners: ['product'], field: product.brand },
  variant: { owners: ['product'], field: product.variant },
  price: { owners: ['product'], field: product.price },
  quantity: { owners: ['product'], field: product.quantity },
  coupon: { owners: ['product'], field: product.coupon },
  position: { owners: ['product', 'promotion'], field: product.position },
  url: { owners: ['product'], field: product.url },
  'image-url': { owners: ['product'], field: product.image_url },
  detail: { owners: ['product'] },
  currency: { owners: ['product'] },
  creative: { owners: ['promotion'] },
}

/** Every attribute name of the contract but the data-analytics-prop-<name> family. */
const KNOWN_ATTRIBUTES: readonly string[] = [
  EVENT,
  ON,
  ...Object.keys(IDS).map((id) => PREFIX + id),
  ...Object.keys(FIELDS).map((field) => PREFIX + field),
  PREFIX + 'logout',
  PREFIX + 'ignore',
]

/**
 * A value the server fills in (JSP EL `${…}` or `#{…}`, a scriptlet `<%= … %>`, a custom tag such as `<c:out>`):
 * only its presence can be checked.
 */
export function isDynamic(value: string): boolean {
  return /\$\{|#\{|<%|<\w+:\w/.test(value)
}

const isProp = (name: string) => name.startsWith(PROP) && name.length > PROP.length
const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key)

/**
 * Edit distance (optimal string alignment): Levenshtein's, where a swap of two neighbouring letters (`nmae` for
 * `name`), the commonest typo, is one edit and not two.
 */
function distance(a: string, b: string): number {
  // The rows of the two previous letters of `a`. (A loop, not Array.from: MooTools' ignores the map function, and
  // the debug overlay runs this in the page.)
  let before: number[] = []
  let previous: number[] = []
  for (let j = 0; j <= b.length; j++) previous.push(j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, before[j - 2]! + 1)
    }
    ;[before, previous] = [previous, row]
  }
  return previous[b.length]!
}

/** The candidate closest to `word`, if it is at most `max` edits away (ties: the first candidate). */
export function closest(word: string, candidates: Iterable<string>, max: number): string | undefined {
  let best: string | undefined
  let bestDistance = max + 1
  for (const candidate of candidates) {
    const d = distance(word, candidate)
    if (d < bestDistance) [best, bestDistance] = [candidate, d]
  }
  return best
}

/** Known attributes, and data-analytics-prop-<x> for each tail <x> of the name (`data-analytics-props-price`). */
function attributeCandidates(name: string): string[] {
  const tails: string[] = []
  for (let at = name.indexOf('-', 'data-'.length); at > 0; at = name.indexOf('-', at + 1)) tails.push(PROP + name.slice(at + 1))
  return [...KNOWN_ATTRIBUTES, ...tails]
}

const kebab = (property: string) => property.replace(/_/g, '-')
const listed = (names: string[]) => (names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`)

/** Client-side events an element may declare. */
const declarable = Object.entries(plan as Readonly<Record<string, EventSpec>>)
  .filter(([, spec]) => spec.side === 'client' && spec.call === 'track')
  .map(([name]) => name)

function suggestEvent(name: string): string | undefined {
  const lower = name.trim().toLowerCase()
  const match = closest(lower, declarable.map((event) => event.toLowerCase()), Math.max(2, Math.floor(lower.length / 3)))
  return match && declarable.find((event) => event.toLowerCase() === match)
}

/**
 * The problems with one element's attributes. `attributes` may hold all of the element's attributes (only the
 * data-* ones matter); `ancestors` are the attributes of its ancestors, nearest first, or undefined when the element's
 * place in the page is not known (markup that a page includes or a script inserts).
 */
export function checkElement(attributes: Attributes, ancestors?: readonly Attributes[]): MarkupProblem[] {
  const problems: MarkupProblem[] = []
  const report = (attribute: string, message: string) => problems.push({ attribute, message })
  const names = Object.keys(attributes)

  for (const name of names) {
    if (name.startsWith(PREFIX)) {
      if (isProp(name) || KNOWN_ATTRIBUTES.includes(name)) continue
      const guess = closest(name, attributeCandidates(name), Math.max(1, Math.floor((name.length - PREFIX.length) / 3)))
      report(name, `unknown attribute ${name}${guess ? ` (did you mean ${guess}?)` : ''}`)
    } else if (name.startsWith('data-')) {
      // Another data-* attribute is the page's own, unless it is a near miss of ours (data-analytic-event).
      const guess = closest(name, attributeCandidates(name), 2)
      if (guess) report(name, `unknown attribute ${name} (did you mean ${guess}?)`)
    }
  }

  const event = attributes[EVENT]
  if (event === undefined) {
    for (const name of names) if (name === ON || isProp(name)) report(name, `${name} does nothing without ${EVENT}`)
  } else {
    const on = attributes[ON]
    if (on && !isDynamic(on) && !TRIGGERS.includes(on.trim().toLowerCase())) {
      report(ON, `${ON}="${on}" is not click, submit, load or view; the element sends nothing`)
    }
    if (!isDynamic(event)) checkEvent(event, attributes, report)
  }

  checkCommerce(attributes, ancestors, report)
  return problems
}

type Report = (attribute: string, message: string) => void

function checkEvent(event: string, attributes: Attributes, report: Report): void {
  const refusal =
    event === 'Page View'
      ? '"Page View" is the page call: use academyAnalytics.page()'
      : event === 'Logout'
        ? `${refusalOf(event)}; mark the control ${PREFIX}logout instead`
        : refusalOf(event, 'client')
  if (refusal) {
    const guess = isEventName(event) ? undefined : suggestEvent(event)
    return report(EVENT, refusal + (guess ? ` (did you mean "${guess}"?)` : ''))
  }
  const fields: Fields = (plan as Readonly<Record<string, EventSpec>>)[event]!.properties
  for (const name of Object.keys(attributes)) {
    if (!isProp(name)) continue
    const property = name.slice(PROP.length).replace(/-/g, '_')
    const field = has(fields, property) ? fields[property] : undefined
    const value = attributes[name]!
    if (!field) {
      const guess = closest(property, Object.keys(fields), 2)
      report(name, `${event}: ${JSON.stringify(property)} is not a property of ${event} in the plan; dropped${guess ? ` (did you mean ${PROP + kebab(guess)}?)` : ''}`)
    } else if (!isDynamic(value)) {
      const result = coerce(field, value)
      if (!result.ok) report(name, `${event}: ${property} ${result.reason}; dropped`)
    }
  }
  for (const [property, field] of Object.entries(fields)) {
    if (field.required && !has(attributes, PROP + kebab(property))) report(EVENT, `${event}: required ${JSON.stringify(property)} is missing`)
  }
}

function checkCommerce(attributes: Attributes, ancestors: readonly Attributes[] | undefined, report: Report): void {
  const is = (owner: Owner) => has(attributes, PREFIX + owner)
  for (const [owner, id] of Object.entries(IDS) as Array<[Owner, string]>) {
    const value = attributes[PREFIX + owner]
    if (owner !== 'cart' && value !== undefined && !/\S/.test(value)) report(PREFIX + owner, `${PREFIX + owner} is empty: a ${owner} needs its id (${id})`)
  }

  // Fields on an element that is none of the things they describe: most often a product whose id was forgotten.
  const orphans = Object.keys(attributes).filter((name) => {
    const spec = name.startsWith(PREFIX) ? FIELDS[name.slice(PREFIX.length)] : undefined
    return spec !== undefined && !spec.owners.some(is)
  })
  if (orphans.length) {
    const owners = orphans.map((name) => FIELDS[name.slice(PREFIX.length)]!.owners)
    const common = owners[0]!.filter((owner) => owners.every((list) => list.includes(owner)))
    const need = (owner: Owner) => `${PREFIX + owner}="<${IDS[owner]}>"`
    const verb = orphans.length === 1 ? 'needs' : 'need'
    report(
      orphans[0]!,
      common.length === 1
        ? `${common[0]} without an id: ${listed(orphans)} ${verb} ${need(common[0]!)} on the same element`
        : `${listed(orphans)} ${verb} ${(common.length ? common : owners[0]!).map((owner) => PREFIX + owner).join(' or ')} on the same element`,
    )
  }

  if (!is('product')) return
  for (const name of Object.keys(attributes)) {
    const spec = name.startsWith(PREFIX) ? FIELDS[name.slice(PREFIX.length)] : undefined
    const value = attributes[name]!
    if (!spec?.field || isDynamic(value)) continue
    const result = coerce(spec.field, value)
    if (!result.ok) report(name, `product ${name.slice(PREFIX.length).replace(/-/g, '_')} ${result.reason}; dropped`)
  }
  if (ancestors && !has(attributes, PREFIX + 'detail') && !ancestors.some((a) => has(a, PREFIX + 'list') || has(a, PREFIX + 'cart'))) {
    report(PREFIX + 'product', `product outside any list, cart or detail: put it inside ${PREFIX}list or ${PREFIX}cart, or mark it ${PREFIX}detail; it sends nothing`)
  }
}
