/**
 * `academy-analytics/testing`: for a QA team's Playwright suite (or any Node test runner). Starts the local
 * Segment-compatible collector, which the pages under test send to (their tag's `data-api-host` is the collector's
 * `apiHost`), and asserts on the events that really arrive.
 */
import { startCollector, type Collector, type CollectorOptions, type JudgedEvent, type StoredEvent, type Violation } from '../../collector/collector'
import { nameOf as planNameOf } from '../plan/conformance'

export type { CollectorOptions, JudgedEvent, StoredEvent, Violation }

/** One violation of the plan by an event that arrived: which event (its place in arrival order, from 1, and name). */
export interface EventViolation extends Violation {
  /** The event's place among those received since the start or the last reset, from 1. */
  position: number
  /** The event's name: a track's event, 'Page View' for a page call, else its type ('identify'). */
  event: string
}

export interface AnalyticsCollector extends Collector {
  /**
   * Waits for an event named `name` (a track event's name, or 'Page View' for a page call) whose properties
   * include `properties`: nested objects may hold more keys, arrays match item by item, and asymmetric matchers
   * such as `expect.any(Number)` work. Resolves with the event; rejects, listing every event that did arrive, when
   * none matches within `timeout` ms (default 10 s).
   */
  expectEvent(name: string, properties?: Record<string, unknown>, options?: { timeout?: number }): Promise<StoredEvent>
  /**
   * Every violation of the tracking plan among the events received so far, as the collector judged them (the same
   * rules, in the same words, as the tag, the server emitter and `academy-analytics check`). An Identify still
   * waiting for its Track is not yet a violation.
   */
  violations(): EventViolation[]
  /** Throws, listing each violation (`3. User Signed In: Identify missing before User Signed In`), when there is any. */
  expectNoViolations(): void
  /** Stops the collector (the same as `close()`). */
  stop(): Promise<void>
}

const DEFAULT_TIMEOUT = 10_000

/** An event's name: what the tag reports it as (a page call is 'Page View'). */
export const nameOf = (event: StoredEvent): string => planNameOf(event)

/** Partial deep equality, as Playwright's and Jest's `toMatchObject`. */
export function matches(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'object' && expected !== null && typeof (expected as { asymmetricMatch?: unknown }).asymmetricMatch === 'function') {
    return (expected as { asymmetricMatch(value: unknown): boolean }).asymmetricMatch(actual)
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => matches(actual[i], item))
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false
    return Object.entries(expected).every(([key, value]) => matches((actual as Record<string, unknown>)[key], value))
  }
  return Object.is(actual, expected)
}

function listing(events: StoredEvent[]): string {
  if (!events.length) return 'No event arrived.'
  const lines = events.map((e, i) => {
    const json = JSON.stringify(e.properties ?? e.traits ?? {})
    return `  ${i + 1}. ${nameOf(e)} ${json.length > 300 ? json.slice(0, 299) + '…' : json}`
  })
  return `${events.length} event${events.length === 1 ? '' : 's'} arrived:\n${lines.join('\n')}`
}

function violationsOf(events: JudgedEvent[]): EventViolation[] {
  return events.flatMap((e, i) => (e.pending ? [] : e.violations.map((v) => ({ position: i + 1, event: nameOf(e), ...v }))))
}

/** Starts a collector (`{ port: 0 }`: any free port; the default is 8787, the tag's default in the demo pages). */
export async function startAnalyticsCollector(options: CollectorOptions = {}): Promise<AnalyticsCollector> {
  const collector = await startCollector(options)
  return {
    ...collector,
    async expectEvent(name, properties = {}, { timeout = DEFAULT_TIMEOUT } = {}) {
      const wanted = (e: StoredEvent) => nameOf(e) === name && matches(e.properties ?? {}, properties)
      try {
        const events = await collector.waitFor((all) => all.some(wanted), timeout)
        return events.find(wanted)!
      } catch {
        throw new Error(`No "${name}" event with properties matching ${JSON.stringify(properties)} within ${timeout} ms. ${listing(collector.events())}`)
      }
    },
    violations: () => violationsOf(collector.judged()),
    expectNoViolations() {
      const found = violationsOf(collector.judged())
      if (found.length === 0) return
      const lines = found.map((v) => `  ${v.position}. ${v.event}: ${v.message.startsWith(`${v.event}: `) ? v.message.slice(v.event.length + 2) : v.message}`)
      throw new Error(`${found.length} violation${found.length === 1 ? '' : 's'} of the tracking plan:\n${lines.join('\n')}\n${listing(collector.events())}`)
    },
    stop: () => collector.close(),
  }
}
