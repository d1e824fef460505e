/**
 * The plan, exported (written to docs/ by `npm run plan:docs` and `npm run plan:export`, scripts/plan.ts):
 * - `trackingPlanRules()`: Segment Protocols tracking-plan rules in the Public API's format (the body of
 *   `PUT /tracking-plans/{id}/rules`): one `{ type, key, version, jsonSchema }` per event, JSON Schema draft-07,
 *   the event's properties under `properties.properties` and identify traits under `properties.traits`.
 * - `trackingPlanMarkdown()`: the table the analytics team reads.
 */
import { descriptions } from './descriptions'
import { licence, plan, product, type EventSpec } from './events'
import type { Field, Fields } from './schema'

export type JsonSchema = { [keyword: string]: unknown }

export interface TrackingPlanRule {
  type: 'TRACK' | 'IDENTIFY' | 'PAGE'
  /** The event name; absent for the one IDENTIFY rule and the one PAGE rule (page calls carry no name). */
  key?: string
  version: number
  jsonSchema: JsonSchema
}

const events = Object.entries(plan as Readonly<Record<string, EventSpec>>)

function fieldSchema(field: Field): JsonSchema {
  switch (field.type) {
    case 'string':
      return {
        type: 'string',
        ...(field.enum && { enum: [...field.enum] }),
        ...(field.pattern !== undefined && { pattern: field.pattern }),
        ...(field.format && { format: field.format }),
      }
    case 'object':
      return objectSchema(field.properties)
    case 'array':
      return { type: 'array', items: fieldSchema(field.items), ...(field.minItems !== undefined && { minItems: field.minItems }) }
    default:
      return { type: field.type }
  }
}

/**
 * An object of the plan. Closed (`additionalProperties: false`): the tag and the server emitter drop what the
 * plan does not list, so anything else reaching Segment is a bug.
 */
function objectSchema(fields: Fields): JsonSchema {
  const required = Object.keys(fields).filter((name) => fields[name]!.required)
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, fieldSchema(field)])),
    ...(required.length && { required }),
    additionalProperties: false,
  }
}

/** A rule's schema, laid out as Protocols does: the whole event, with `context`, `traits` and `properties`. */
function eventSchema(description: string, side: string, part: 'properties' | 'traits', fields: Fields): JsonSchema {
  const schema = objectSchema(fields)
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    description,
    labels: { side },
    properties: { context: {}, traits: {}, properties: {}, [part]: schema },
    ...(schema.required !== undefined && { required: [part] }),
  }
}

/**
 * Identify traits: Protocols has one IDENTIFY rule, so it holds every trait of the plan, none required (each event
 * requires its own; the server emitter checks that with validateTraits).
 */
export function identifyTraits(): Fields {
  const traits: Record<string, Field> = {}
  for (const [name, spec] of events) {
    for (const [trait, field] of Object.entries(spec.traits ?? {})) {
      const { required: _, ...optional } = field
      const known = traits[trait]
      if (known && JSON.stringify(known) !== JSON.stringify(optional)) throw new Error(`${name} gives the trait "${trait}" another type`)
      traits[trait] = optional as Field
    }
  }
  return traits
}

export function trackingPlanRules(): { rules: TrackingPlanRule[] } {
  const rules: TrackingPlanRule[] = []
  for (const [name, spec] of events) {
    const description = descriptions[name as keyof typeof descriptions]
    if (spec.call === 'track') rules.push({ type: 'TRACK', key: name, version: 1, jsonSchema: eventSchema(description, spec.side, 'properties', spec.properties) })
    else if (spec.call === 'page') rules.push({ type: 'PAGE', version: 1, jsonSchema: eventSchema(description, spec.side, 'properties', spec.properties) })
  }
  const identified = events.filter(([, spec]) => spec.traits).map(([name]) => name)
  rules.push({
    type: 'IDENTIFY',
    version: 1,
    // The tag identifies too, with no traits, when the page names a user the browser does not hold (data-user-id).
    jsonSchema: eventSchema(
      `The server's Identify before ${identified.join(', ')}; the tag's, without traits, when a page names a signed-in user the browser does not hold.`,
      'both',
      'traits',
      identifyTraits(),
    ),
  })
  return { rules }
}

// ---------------------------------------------------------------- Markdown

const code = (text: string) => '`' + text + '`'
const cell = (text: string) => text.replace(/\|/g, '\\|')

/** A field's type in words: `string`, `integer`, `Product[]`, `"details" | "password"`, `string (YYYY-MM-DD)`. */
function typeOf(field: Field): string {
  switch (field.type) {
    case 'string':
      if (field.enum) return field.enum.map((value) => JSON.stringify(value)).join(' | ')
      if (field.format === 'date') return 'string (YYYY-MM-DD)'
      return field.pattern !== undefined ? `string matching ${code(field.pattern)}` : 'string'
    case 'object':
      return field.properties === product ? 'Product' : field.properties === licence ? 'Licence' : 'object'
    case 'array':
      return `${field.items.type === 'string' && field.items.enum ? `(${typeOf(field.items)})` : typeOf(field.items)}[]${field.minItems ? ` (at least ${field.minItems})` : ''}`
    default:
      return field.type
  }
}

function fieldList(fields: Fields): string {
  const names = Object.keys(fields)
  if (!names.length) return 'none'
  return names.map((name) => `${code(name)}${fields[name]!.required ? ' (required)' : ''}: ${typeOf(fields[name]!)}`).join(', ')
}

function fieldTable(fields: Fields): string[] {
  return [
    '| Property | Type | Required |',
    '|---|---|---|',
    ...Object.entries(fields).map(([name, field]) => `| ${code(name)} | ${cell(typeOf(field))} | ${field.required ? 'yes' : ''} |`),
  ]
}

const CALLS: Record<EventSpec['call'], string> = { track: 'track', page: 'page()', reset: 'reset() (no event)' }

export function trackingPlanMarkdown(): string {
  const table = (side: 'client' | 'server') => [
    `| Event | Call | When | Properties${side === 'server' ? ' | Identify traits (sent first)' : ''} |`,
    `|---|---|---|---|${side === 'server' ? '---|' : ''}`,
    ...events
      .filter(([, spec]) => spec.side === side)
      .map(([name, spec]) => {
        const columns = [name, CALLS[spec.call], descriptions[name as keyof typeof descriptions], fieldList(spec.properties)]
        if (side === 'server') columns.push(spec.traits ? fieldList(spec.traits) : '')
        return `| ${columns.map(cell).join(' | ')} |`
      }),
  ]
  return [
    '# The Academy tracking plan',
    '',
    '<!-- Generated from src/plan/ by `npm run plan:docs`. Do not edit: change src/plan/ and run it again. -->',
    '',
    'Event names are exact and case-sensitive. Product and order properties follow Segment\'s eCommerce spec v2;',
    'chat events follow the Live Chat spec. Every event is validated against this plan before it is sent: a property',
    'the plan does not list, or a value that cannot be coerced to its type, is dropped; an event missing a required',
    'property is not sent. The same plan as Segment Protocols rules: `tracking-plan.rules.json` (`npm run plan:export`).',
    '',
    '## Client-side events (sent by the tag from the browser)',
    '',
    ...table('client'),
    '',
    '## Server-side events (sent by the Academy server)',
    '',
    'Events with Identify traits send `identify` first, then `track`, with the same `userId` and the browser\'s',
    'anonymous id. The tag sends an `identify` of its own, with the user id and no traits, when a page names a',
    'signed-in user (`data-user-id`) that the browser does not hold yet; its later events carry that `userId`.',
    '',
    ...table('server'),
    '',
    '## Shared objects',
    '',
    '### Product (Segment eCommerce v2)',
    '',
    ...fieldTable(product),
    '',
    '### Licence',
    '',
    ...fieldTable(licence),
    '',
  ].join('\n')
}
