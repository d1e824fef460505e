/**
 * Validate-and-coerce: the engine, for any fields and any events of the plan (validate.ts binds it to the whole
 * plan). Never throws; never trusts its input. Values from HTML attributes arrive as strings, values from JS
 * callers arrive typed.
 */
import type { EventSpec, Events, Side } from './client-events'
import type { Field, Fields } from './schema'

export interface Validation {
  /** false when the event is unknown/not allowed or a required field is missing after coercion */
  ok: boolean
  /** coerced, valid values only (invalid/unknown ones dropped), in the order of the spec */
  properties: Record<string, unknown>
  /** one human sentence per problem */
  violations: string[]
}

type Ok = { ok: true; value: unknown }
type Fail = { ok: false; reason: string }
/** `undefined`: the value is missing (null, undefined, or a blank string for a string field). */
type Result = Ok | Fail | undefined
interface Ctx {
  label: string
  out: string[]
  depth: number
}

/** Deeper than any plan needs; only a hostile (cyclic) spec could get there, input alone cannot. */
const MAX_DEPTH = 16
/** Far more than an event can carry (Segment caps an event at 32 KB). */
const MAX_ITEMS = 1000
/** A plain decimal number; written so that it cannot backtrack badly on long strings. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

const has = (o: object, k: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(o, k)
const pass = (value: unknown): Ok => ({ ok: true, value })
const fail = (reason: string): Fail => ({ ok: false, reason })
/** A string quoted for a message, cut short. */
const quote = (s: string): string => JSON.stringify(s.length > 64 ? s.slice(0, 61) + '...' : s)
/** A value shown in a message, without calling anything the value defines. */
export const show = (v: unknown): string =>
  typeof v === 'string'
    ? quote(v)
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : typeof v === 'bigint'
        ? String(v) + 'n'
        : v === null
          ? 'null'
          : Array.isArray(v)
            ? '[array]'
            : `[${typeof v}]`

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
/** An object literal, JSON or `Object.create(null)` object, from any realm: its prototype chain ends right away. */
const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (!isObject(v)) return false
  const p = Object.getPrototypeOf(v)
  return p === null || Object.getPrototypeOf(p) === null
}

const regexps = new Map<string, RegExp>()
const regexp = (source: string): RegExp => {
  let r = regexps.get(source)
  if (!r) regexps.set(source, (r = new RegExp(source, 'u')))
  return r
}

const isDate = (s: string): boolean => {
  const m = DATE.exec(s)
  if (!m) return false
  const y = +m[1]!,
    mo = +m[2]!,
    d = +m[3]!
  const days = mo === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : 30 + ((mo + (mo >> 3)) & 1)
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days
}

function convert(f: Field, v: unknown, path: string, cx: Ctx): Result {
  if (v === undefined || v === null) return undefined
  switch (f.type) {
    case 'number':
    case 'integer': {
      const t = typeof v === 'string' ? v.trim() : ''
      const n = typeof v === 'number' ? v : NUMBER.test(t) ? Number(t) : NaN
      return Number.isFinite(n) && (f.type === 'number' || Number.isInteger(n))
        ? pass(n)
        : fail(`${show(v)} is not ${f.type === 'number' ? 'a number' : 'an integer'}`)
    }
    case 'boolean': {
      if (typeof v === 'boolean') return pass(v)
      const t = typeof v === 'string' ? v.trim().toLowerCase() : null
      // '' is an attribute present without a value
      return t === '' || t === 'true' || t === '1' ? pass(true) : t === 'false' || t === '0' ? pass(false) : fail(`${show(v)} is not a boolean`)
    }
    case 'string': {
      const s = typeof v === 'string' ? v : (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean' ? String(v) : null
      if (s === null) return fail(`${show(v)} is not a string`)
      if (!/\S/.test(s)) return undefined
      if (f.enum && !f.enum.includes(s)) return fail(`${show(s)} is not one of ${f.enum.map(quote).join(', ')}`)
      if (f.pattern !== undefined && !regexp(f.pattern).test(s)) return fail(`${show(s)} does not match ${f.pattern}`)
      if (f.format === 'date' && !isDate(s)) return fail(`${show(s)} is not a date (YYYY-MM-DD)`)
      return pass(s)
    }
    case 'object': {
      if (!isPlain(v)) return fail(`${show(v)} is not an object`)
      if (cx.depth >= MAX_DEPTH) return fail('is nested too deeply')
      const r = fieldsOf(f.properties, v, path, { ...cx, depth: cx.depth + 1 })
      return r.missing.length ? fail(`is missing required ${r.missing.map(quote).join(', ')}`) : pass(r.value)
    }
    case 'array': {
      if (!Array.isArray(v)) return fail(`${show(v)} is not an array`)
      if (cx.depth >= MAX_DEPTH) return fail('is nested too deeply')
      if (v.length > MAX_ITEMS) return fail(`has ${v.length} items, more than ${MAX_ITEMS}`)
      const sub = { ...cx, depth: cx.depth + 1 }
      const items: unknown[] = []
      for (let i = 0; i < v.length; i++) {
        const p = `${path}[${i}]`
        const r = convert(f.items, v[i], p, sub)
        if (r?.ok) items.push(r.value)
        else cx.out.push(`${cx.label}: ${p} ${r ? r.reason : 'is empty'}; dropped`)
      }
      const min = f.minItems ?? 0
      return items.length < min ? fail(`has ${items.length} valid item${items.length === 1 ? '' : 's'}, fewer than ${min}`) : pass(items)
    }
  }
  return fail(`has a type the plan does not know`)
}

/** Validates the fields of `src` (an object), pushing violations of nested values; the caller reports `missing`. */
function fieldsOf(fields: Fields, src: object, path: string, cx: Ctx): { value: Record<string, unknown>; missing: string[] } {
  const value: Record<string, unknown> = {}
  const missing: string[] = []
  const input = src as Record<string, unknown>
  for (const k of Object.keys(fields)) {
    const f = fields[k]
    if (k === '__proto__' || !f) continue // never assign __proto__, even from a hostile spec
    const p = path ? `${path}.${k}` : k
    const r = convert(f, has(input, k) ? input[k] : undefined, p, cx)
    if (r?.ok) value[k] = r.value
    else {
      if (r) cx.out.push(`${cx.label}: ${p} ${r.reason}; dropped`)
      if (f.required) missing.push(k)
    }
  }
  for (const k of Object.keys(input)) {
    if (!has(fields, k) || k === '__proto__') cx.out.push(`${cx.label}: ${quote(k)} is not a property of ${path || cx.label} in the plan; dropped`)
  }
  return { value, missing }
}

/**
 * Coerces one value to a field's type. A missing value (null, undefined, blank string for a string field)
 * is `{ ok: false }`. Problems with nested fields of an object or items of an array that were dropped
 * are not reported here: use validateFields for the full list.
 */
export function coerce(field: Field, value: unknown): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return convert(field, value, '', { label: '', out: [], depth: 0 }) ?? fail(value == null ? 'is missing' : 'is empty')
  } catch {
    return fail('could not be read')
  }
}

/**
 * Validates `input` against `fields`. `label` starts every violation (the event name, or e.g. "User Signed Up traits").
 * null/undefined input is an empty object.
 */
export function validateFields(fields: Fields, input: Record<string, unknown>, label: string): Validation {
  const out: string[] = []
  try {
    let src: unknown = input
    if (src === undefined || src === null) src = {}
    else if (!isObject(src)) {
      out.push(`${label}: the properties ${show(src)} are not an object; ignored`)
      src = {}
    }
    const { value, missing } = fieldsOf(fields, src as object, '', { label, out, depth: 0 })
    for (const k of missing) out.push(`${label}: required ${quote(k)} is missing`)
    return { ok: missing.length === 0, properties: value, violations: out }
  } catch {
    out.push(`${label}: the properties could not be read; nothing kept`)
    return { ok: false, properties: {}, violations: out }
  }
}

export const specIn = (events: Events, name: unknown): EventSpec | undefined =>
  typeof name === 'string' && has(events, name) ? events[name] : undefined

export const refuse = (violation: string): Validation => ({ ok: false, properties: {}, violations: [violation] })

/** Why an event may not be sent (from `side`), or undefined. `unknown` says what a name missing from the events is. */
export function refusal(name: string, spec: EventSpec | undefined, side: Side | undefined, unknown = 'an event'): string | undefined {
  if (!spec) return `${show(name)} is not ${unknown} of the tracking plan`
  if (spec.call === 'reset') return `${show(name)} is not a tracked event: it calls analytics.reset(), never track()`
  if (side && spec.side !== side)
    return `${show(name)} is a ${spec.side}-side event; the ${side === 'client' ? 'tag' : 'server'} does not send it`
  return undefined
}

const validated = (name: string, input: Record<string, unknown>, spec: EventSpec | undefined, no: string | undefined): Validation =>
  no || !spec ? refuse(no ?? '') : validateFields(spec.properties, input, name)

/**
 * Validates an event against one side's events alone (`clientEvents`), so that a bundle holds that side's specs
 * only: the tag's does not carry the server's. A name that is not one of them is "not a client-side event".
 */
export function validateEventOf(events: Events, side: Side, name: string, input: Record<string, unknown>): Validation {
  const spec = specIn(events, name)
  return validated(name, input, spec, refusal(name, spec, side, `a ${side}-side event`))
}

/** Validates an event against `events`, refusing one of the other `side` (the whole plan: validate.ts). */
export function validateEventIn(events: Events, name: string, input: Record<string, unknown>, side?: Side): Validation {
  const spec = specIn(events, name)
  return validated(name, input, spec, refusal(name, spec, side))
}
