import type { Config } from './config'
import type { Categories } from './consent-object'

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
  /** A markup mistake found while capturing, reported by the core like any other plan violation (on its own page only). */
  | { type: 'warning'; message: string; source?: Element }
  /**
   * The page view (and identify) the loader sent itself (`page-view.ts`): the core adopts and stores its identity
   * (after a reset, when contract §4 called for one), never sends it. Kept for the next page if this one goes first.
   */
  | { type: 'sent'; events: SentEvent[]; reset: boolean }
  /** Those events again, for the SDK's retry queue: the loader's request failed, or the page left before its answer. */
  | { type: 'resend'; events: SentEvent[] }

/** An event as the tracking API receives it, built by the loader the way analytics-next builds it. */
export interface SentEvent {
  type: 'page' | 'identify'
  timestamp: string
  anonymousId: string
  userId: string | null
  properties?: Record<string, unknown>
  [field: string]: unknown
}

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

/**
 * A command the loader has queued: when it was captured (ms since the epoch), the page it was captured on (only for
 * commands carried over from an earlier page), and the consent choice it was captured under (undefined: none yet).
 */
export type Queued = [command: Command, at: number, page?: PageContext, consent?: Categories]

/** The lazily loaded half of the tag (`core.ts`). */
export interface Core {
  /**
   * `at` is when the command was captured (ms since the epoch), which is the event's time; `page` is the page it
   * was captured on when that is not the current one; `consent` is the visitor's consent choice when it was
   * captured (undefined: none yet), which the core turns into the event's consent object.
   */
  handle(command: Command, at: number, page?: PageContext, consent?: Categories): void
  /**
   * Handles the loader's queue, oldest first, emptying it: all of it when the page is going away (`all`), else for a
   * slice of time. True when some is left for a later task.
   */
  take(queue: Queued[], all?: boolean): boolean
  setDebug(on: boolean): void
  /** The page is being hidden or left (true), or is visible again (false): delivery must not wait for a later task. */
  leaving(on: boolean): void
  /** Settles once the page's first event has been answered by the tracking API (or has failed). */
  readonly answered: Promise<unknown>
  /** The underlying AnalyticsBrowser. */
  readonly analytics: unknown
}

/**
 * `consent` gives the visitor's current choice (device-mode destinations it does not allow are not loaded). The
 * core takes what `queue` holds up to the loader's own page view (`sent`) before it resolves: the SDK adopts that
 * identity before anything else can use it (the page may call academyAnalytics.analytics at once).
 */
export type StartCore = (config: Config, consent: () => Categories | undefined, queue: Queued[]) => Promise<Core>
