/**
 * Checks a file of events against the tracking plan, as the collector judges them as they arrive
 * (src/plan/conformance.ts): one JSON event a line, the collector's NDJSON or events exported from Segment.
 * The lines are taken as arriving in order, at their `receivedAt` (else their `timestamp`); the file is the whole
 * sequence, so an Identify whose Track is not in it is bad.
 */
import { createReferee, nameOf, type Violation } from '../plan/conformance'

export interface CheckProblem {
  /** 1-based */
  line: number
  /** The event's name as the tag reports it ('Page View' for a page call); empty for a line that is not an event. */
  event: string
  message: string
}

export interface CheckResult {
  /** Lines that are not blank: events, and lines that should have been. */
  events: number
  bad: number
  problems: CheckProblem[]
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export function checkText(text: string): CheckResult {
  const referee = createReferee()
  const events: Array<{ line: number; event: string }> = []
  const verdicts = new Map<number, Violation[]>()
  const problems: CheckProblem[] = []
  let at = 0
  let count = 0
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return
    count++
    let event: unknown
    try {
      event = JSON.parse(raw)
    } catch (err) {
      return void problems.push({ line: i + 1, event: '', message: `not JSON: ${(err as Error).message}` })
    }
    if (!isObject(event) || typeof event.type !== 'string') return void problems.push({ line: i + 1, event: '', message: 'not an event: no type' })
    const time = Date.parse(String(event.receivedAt ?? event.timestamp))
    if (Number.isFinite(time)) at = time
    events.push({ line: i + 1, event: nameOf(event) })
    for (const v of referee.add(event, at)) verdicts.set(v.index, v.violations)
  })
  for (const v of referee.expire(Infinity)) verdicts.set(v.index, v.violations)
  let bad = problems.length
  events.forEach(({ line, event }, index) => {
    const violations = verdicts.get(index) ?? []
    if (violations.length) bad++
    for (const { message } of violations) problems.push({ line, event, message: message.startsWith(`${event}: `) ? message.slice(event.length + 2) : message })
  })
  return { events: count, bad, problems: problems.sort((a, b) => a.line - b.line) }
}
