/** `GET /events/summary`: the collector's good and bad events, per event name and type, with what breaks most. */
import { nameOf, type Violation } from '../src/plan/conformance.ts'

export interface Judged {
  type: string
  event?: unknown
  valid: boolean
  violations: Violation[]
}

export interface Summary {
  good: number
  bad: number
  /** Per event name and type, in the order each was first received. */
  events: Array<{
    type: string
    /** The event's name as the tag reports it: the track's event, 'Page View' for a page call, else the type. */
    name: string
    good: number
    bad: number
    /** The most frequent first; array items counted together (`products[].price`); `message` is the latest one. */
    violations: Array<{ field: string; rule: string; count: number; message: string }>
  }>
}

const TOP = 5

export function summarize(events: readonly Judged[]): Summary {
  const groups = new Map<string, Summary['events'][number] & { all: Map<string, Summary['events'][number]['violations'][number]> }>()
  for (const e of events) {
    const name = nameOf(e as unknown as Record<string, unknown>)
    const key = `${e.type}\u0000${name}`
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { type: e.type, name, good: 0, bad: 0, violations: [], all: new Map() }))
    if (e.valid) group.good++
    else group.bad++
    for (const { field, rule, message } of e.violations) {
      const where = field.replace(/\[\d+\]/g, '[]')
      const known = group.all.get(`${where}\u0000${rule}`)
      if (known) Object.assign(known, { count: known.count + 1, message })
      else group.all.set(`${where}\u0000${rule}`, { field: where, rule, count: 1, message })
    }
  }
  const list = [...groups.values()].map(({ all, ...group }) => ({
    ...group,
    violations: [...all.values()].sort((a, b) => b.count - a.count).slice(0, TOP),
  }))
  return { good: list.reduce((n, g) => n + g.good, 0), bad: list.reduce((n, g) => n + g.bad, 0), events: list }
}
