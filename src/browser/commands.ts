import type { Config } from './config'

/**
 * What the loader captures and the lazily loaded core turns into Segment calls.
 * Properties are raw (attribute strings or the caller's values): the core validates them against the plan.
 */
export type Command =
  | { type: 'page' }
  | { type: 'track'; event: string; properties: Record<string, unknown>; source?: Element }
  | { type: 'reset' }
  /** The raw `data-user-id` of the page (contract §4), queued before its page view. */
  | { type: 'identify'; userId: string }
  /** A markup mistake found while capturing, reported by the core like any other plan violation. */
  | { type: 'warning'; message: string; source: Element }

/** What core.ts dispatched on document, kept for the debug overlay from the moment debug mode was on. */
export type Dispatched = readonly [type: string, detail: unknown]

/** The page an event was captured on, when it is sent from a later page (see `stashPending`). */
export interface PageContext {
  path: string
  referrer: string
  search: string
  title: string
  url: string
}

/** The lazily loaded half of the tag (`core.ts`). */
export interface Core {
  /**
   * `at` is when the command was captured (ms since the epoch), which is the event's time; `page` is the page it
   * was captured on when that is not the current one.
   */
  handle(command: Command, at: number, page?: PageContext): void
  setDebug(on: boolean): void
  /** The page is being hidden or left (true), or is visible again (false): delivery must not wait for a later task. */
  leaving(on: boolean): void
  /** Settles once the page's first event has been answered by the tracking API (or has failed). */
  readonly answered: Promise<unknown>
  /** The underlying AnalyticsBrowser. */
  readonly analytics: unknown
}

export type StartCore = (config: Config) => Promise<Core>
