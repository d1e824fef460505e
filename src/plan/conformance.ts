/**
 * The plan as the referee of events that have already been sent (at the collector, or in a file of them): the
 * plan's own validation (validate.ts, whose rules docs/tracking-plan.rules.json exports), in the words the tag, the
 * server emitter and the linter use; values held to their JSON type, as a JSON Schema holds them; and the plan's
 * order rule, an Identify for the same userId before the Track of each row that has one.
 */
import { plan, type EventName, type Side } from './events'
import { identifyTraits } from './export'
import type { Field, Fields } from './schema'
import { coerce, show, specIn, validateEvent, validateFields, validateTraits, type Validation } from './validate'

export interface Violation {
  /** What it is about: `event`, `type`, `userId`, or `properties.<path>` / `traits.<path>` (items as `[0]`). */
  field: string
  /** The rule broken, without the value: `does not match ^[0-9]+$`, `is required`, `is not in the plan`… */
  rule: string
  /** The whole sentence, as the tag or the server emitter reports it (less its "; dropped": nothing is dropped here). */
  message: string
}

export interface Verdict {
  /** The event's place among those judged, from 0. */
  index: number
  valid: boolean
  violations: Violation[]
  /** A server's Identify waiting for its Track: its verdict changes when the Track comes or the window passes. */
  pending: boolean
}

type Json = Record<string, unknown>

/**
 * How long an Identify waits for its Track, and a Track looks back for its Identify. A server sends the two from
 * one request handler, but its Segment client may put them in two batches (a full batch, or the flush timer, between
 * them), and the second leaves on the next flush: 10 s by default in analytics-java and analytics-node. Three flush
 * intervals, so a slow batch or a retry is not called a broken order.
 */
export const IDENTIFY_WINDOW_MS = 30_000

/** The rows of the plan a server sends as Identify, then Track. */
export const IDENTIFIED: readonly EventName[] = (Object.keys(plan) as EventName[]).filter((name) => 'traits' in plan[name])

/** The browser's Segment library (analytics-next names itself so); any other names a server. */
const BROWSER_LIBRARY = 'analytics.js'
const IDENTIFY_TRAITS = identifyTraits()

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const inWords = (names: readonly string[]) => names.slice(0, -1).join(', ') + ' or ' + names[names.length - 1]

/** The side an event came from, by the library that sent it; undefined when it does not say. */
export function sideOf(event: Json): Side | undefined {
  const library = isObject(event.context) && isObject(event.context.library) ? event.context.library.name : undefined
  return typeof library !== 'string' ? undefined : library === BROWSER_LIBRARY ? 'client' : 'server'
}

/** An event's name as the tag reports it: a page call is 'Page View'. */
export function nameOf(event: Json): string {
  return event.type === 'track' ? String(event.event) : event.type === 'page' ? 'Page View' : String(event.type)
}

// show()'s rendering of a value, at the start of what a violation says of a field
const VALUE = /^(?:"(?:[^"\\]|\\.)*"|\[\w+\]|null|true|false|-?[\d.]+(?:e[+-]?\d+)?n?) /i

/** A violation from one of the plan's sentences; `part` is where the fields sit in the event. */
function violation(part: 'properties' | 'traits', label: string, sentence: string): Violation {
  const message = sentence.replace(/; (?:dropped|ignored|nothing kept)$/, '')
  if (!message.startsWith(label + ': ')) return { field: 'event', rule: message.replace(VALUE, ''), message } // a refusal of the name
  const said = message.slice(label.length + 2)
  const at = (path: string) => `${part}.${path}`
  let m: RegExpExecArray | null
  if ((m = /^required ("(?:[^"\\]|\\.)*") is missing$/.exec(said))) return { field: at(JSON.parse(m[1]!)), rule: 'is required', message }
  if ((m = /^("(?:[^"\\]|\\.)*") is not a property of (.+) in the plan$/.exec(said))) {
    const key = JSON.parse(m[1]!) as string
    return { field: at(m[2] === label ? key : `${m[2]}.${key}`), rule: 'is not in the plan', message }
  }
  if (/^the properties .+ are not an object$/.test(said)) return { field: part, rule: 'is not an object', message }
  if (said === 'the properties could not be read') return { field: part, rule: 'could not be read', message }
  m = /^(\S+) (.*)$/.exec(said)
  return m ? { field: at(m[1]!), rule: m[2]!.replace(VALUE, ''), message } : { field: part, rule: said, message }
}

/**
 * A value the plan's validation took by coercing it (`"12.50"` for a number, `1` for a string) is what the tag and
 * the emitter never send: a JSON Schema (the exported rules, Segment Protocols) refuses it, so this does too.
 */
function mistyped(fields: Fields, input: unknown, label: string, path: string, out: string[]): void {
  if (!isObject(input)) return
  for (const [key, field] of Object.entries(fields)) {
    if (Object.prototype.hasOwnProperty.call(input, key)) valueTyped(field, input[key], label, path ? `${path}.${key}` : key, out)
  }
}

function valueTyped(field: Field, value: unknown, label: string, path: string, out: string[]): void {
  if (value === undefined) return
  if (field.type === 'object') return mistyped(field.properties, value, label, path, out)
  if (field.type === 'array') {
    if (Array.isArray(value)) value.forEach((item, i) => valueTyped(field.items, item, label, `${path}[${i}]`, out))
    return
  }
  const json = field.type === 'integer' ? 'number' : field.type
  // null is "missing" to the validation (a required one is reported there); a coerced value passed it
  if (value === null ? !field.required : typeof value !== json && coerce(field, value).ok) {
    out.push(`${label}: ${path} ${show(value)} is not of type ${field.type}`)
  }
}

/** The violations of one validation, with the coerced values among them. */
function judged(part: 'properties' | 'traits', label: string, fields: Fields | undefined, input: unknown, validation: Validation): Violation[] {
  const sentences = [...validation.violations]
  if (fields) mistyped(fields, input, label, '', sentences)
  return sentences.map((sentence) => violation(part, label, sentence))
}

/** The plan's rules for one event on its own (the order rule aside: see createReferee). */
export function eventViolations(event: Json): Violation[] {
  const side = sideOf(event)
  switch (event.type) {
    case 'track': {
      const name = event.event
      if (typeof name !== 'string' || !name.trim()) {
        return [{ field: 'event', rule: 'is required', message: `a track call without an event name` }]
      }
      const spec = specIn(plan, name)
      if (spec?.call === 'page') return [{ field: 'event', rule: 'is a page call', message: `${show(name)} is a page call, never track()` }]
      return judged('properties', name, spec?.properties, event.properties, validateEvent(name, event.properties as Json, side))
    }
    case 'page': {
      const fields = plan['Page View'].properties
      return judged('properties', 'Page View', fields, event.properties, validateEvent('Page View', event.properties as Json, side))
    }
    case 'identify':
      return judged('traits', 'Identify traits', IDENTIFY_TRAITS, event.traits, validateFields(IDENTIFY_TRAITS, event.traits as Json, 'Identify traits'))
    default:
      return [{ field: 'type', rule: 'is not in the plan', message: `a ${String(event.type)} call is not in the tracking plan` }]
  }
}

const order = (message: string, rule: string): Violation => ({ field: 'userId', rule, message })
const verdict = (index: number, violations: Violation[], pending = false): Verdict => ({ index, valid: violations.length === 0, violations, pending })

export interface Referee {
  /**
   * Judges the next event, which arrived at `at` (ms since the epoch). Returns its verdict first, then the new
   * verdicts of earlier events it settles: the Identify a Track pairs with (now judged by that row's traits), and
   * the Identifies whose window has passed without their Track.
   */
  add(event: Json, at: number): Verdict[]
  /** The Identifies still waiting at `now` whose window has passed: bad. `Infinity` ends the sequence (a file). */
  expire(now: number): Verdict[]
}

/**
 * The plan's order rule over events in arrival order. A server's Identify (not the tag's: contract §4, no Track
 * follows it) waits `windowMs` for the Track of one of IDENTIFIED with the same userId; that Track pairs with the
 * latest one waiting, or is bad ("Identify missing before …"); one not followed in time is bad. A Track stamped
 * before its Identify is bad too: a warehouse orders by timestamp.
 */
export function createReferee(windowMs = IDENTIFY_WINDOW_MS): Referee {
  let count = 0
  const waiting: Array<{ index: number; at: number; event: Json }> = []
  const seconds = `${Math.round(windowMs / 100) / 10} s`

  function expire(now: number): Verdict[] {
    const out: Verdict[] = []
    for (let i = 0; i < waiting.length; ) {
      const w = waiting[i]!
      if (now - w.at <= windowMs) i++
      else {
        waiting.splice(i, 1)
        const late = order(`Identify not followed by ${inWords(IDENTIFIED)} for the same userId within ${seconds}`, 'is followed by its Track')
        out.push(verdict(w.index, [...eventViolations(w.event), late]))
      }
    }
    return out
  }

  function add(event: Json, at: number): Verdict[] {
    const settled = expire(at)
    const index = count++
    const own = eventViolations(event)
    const waits = event.type === 'identify' && sideOf(event) !== 'client'
    if (waits) waiting.push({ index, at, event })
    const name = event.type === 'track' ? event.event : undefined
    if (typeof name === 'string' && (IDENTIFIED as readonly string[]).includes(name)) {
      const row = name as EventName
      let i = waiting.length - 1
      while (i >= 0 && !(typeof event.userId === 'string' && waiting[i]!.event.userId === event.userId)) i--
      if (i < 0) own.push(order(`Identify missing before ${row}`, 'follows its Identify'))
      else {
        const identify = waiting.splice(i, 1)[0]!
        const traits = identify.event.traits
        settled.push(verdict(identify.index, judged('traits', `${row} traits`, specIn(plan, row)?.traits, traits, validateTraits(row, traits as Json))))
        if (Date.parse(String(event.timestamp)) < Date.parse(String(identify.event.timestamp))) {
          own.push(order(`${row} is timestamped before its Identify`, 'is timestamped after its Identify'))
        }
      }
    }
    return [verdict(index, own, waits), ...settled]
  }

  return { add, expire }
}
