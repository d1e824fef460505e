/** How events leave the browser: analytics-next's Segment.io destination, configured for pages that navigate. */
import { Context, type Analytics, type Plugin, type SegmentEvent } from '@segment/analytics-next'

/**
 * Browsers refuse a keepalive request once the keepalive requests of a page in flight would carry more than
 * 64 KiB: it fails and waits for a retry. Each event is sent with keepalive while it fits in this budget. (A
 * request stays in flight until its response body is read: lean/fetch.ts reads it.)
 */
const KEEPALIVE_BUDGET = 60 * 1024
/**
 * What events kept by earlier pages (the SDK's retry queue replays them) may use of that budget: the rest is kept for
 * this page's own. Replays are many when the API is slow and the visitor quick (each page replays what the last one
 * had in flight), and they took it all: the click on a link that leaves then went without keepalive and died.
 */
const REPLAY_BUDGET = KEEPALIVE_BUDGET / 2

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length

/**
 * Requests in flight at most while the page is shown. Chromium refuses a page's requests past some 2,000 at once
 * (net::ERR_INSUFFICIENT_RESOURCES: a console error each, and each event to its retry queue's backoff), so a burst
 * (the retry queue handing back all that earlier pages kept, through the same door) waits its turn, in order. A
 * page being hidden or left sends all it holds at once, as before: what does not arrive is in the SDK's retry
 * queue, persisted on pagehide.
 */
const MAX_IN_FLIGHT = 16

export function deliveryOptions(writeKey: string, apiHost: string, request: { keepalive: boolean }) {
  const api = new URL(apiHost)
  return {
    apiKey: writeKey,
    apiHost: api.host + api.pathname.replace(/\/+$/, ''),
    protocol: api.protocol.slice(0, -1) as 'http' | 'https',
    // Each event leaves at once, in a keepalive request (which the browser completes after the page is gone)
    // while the keepalive budget allows: the SDK reads `request.keepalive` as it sends. A failed one goes to the
    // SDK's retry queue, persisted in localStorage on pagehide and replayed by the next page of the site.
    deliveryStrategy: { strategy: 'standard' as const, config: request },
    // Twice the SDK's 10 attempts: its backoff doubles (the 20th attempt comes days later, on whatever page of
    // the site is open then), and each Retry-After wait counts as an attempt, so a 429 storm does not drop events.
    httpConfig: { backoffConfig: { maxRetryCount: 20 }, rateLimitConfig: { maxRetryCount: 100 } },
  }
}

const TYPES = ['track', 'page', 'identify', 'group', 'alias', 'screen'] as const

export interface Delivery {
  /** The event is final (called by the last enrichment): while the page is leaving it goes out now. */
  enriched(ctx: Context): void
  /** The page is being hidden or left (true), or is back (false). */
  leaving(on: boolean): void
  /**
   * An event already built and sent once by the loader (`page-view.ts`), handed to the destination as it is (same
   * messageId): sent again now, into the SDK's retry queue if that fails, persisted like any other.
   */
  resend(event: object): void
  /** Settles once the first event handed over has been answered (or has failed). */
  answered: Promise<unknown>
}

/**
 * Takes over the hand-off to analytics-next's Segment.io destination, for two reasons:
 * - its event queue waits for each event's HTTP response before handing over the next one, so one slow
 *   response holds back every event behind it; the destination starts its request synchronously, so we
 *   resolve at once and keep its own retry and persistence (a failure still lands in its persisted queue);
 * - the queue reaches the destination one task after the event is enriched, and a page that is going away
 *   runs no more tasks: then enriched events are handed over at once, and queued ones are pushed through.
 */
export function takeOverDelivery(analytics: Analytics, request: { keepalive: boolean }): Delivery {
  const destination = analytics.queue.plugins.find((plugin) => plugin.name === 'Segment.io') as Plugin | undefined
  const send: Partial<Record<string, Plugin['track']>> = {}
  // Enriched, waiting for the queue's hand-off one task later.
  const waiting = new Set<Context>()
  // Handed over early because the page was leaving: the queue's own hand-off, if it still comes, is skipped.
  // Retries from the destination's own buffer come through the same door, later, and go through.
  const early = new WeakSet<Context>()
  // This page's own events (and their retries): the rest came from earlier pages.
  const own = new WeakSet<Context>()
  let leaving = false
  let keepaliveInFlight = 0
  let inFlight = 0
  // Waiting for a request to finish (MAX_IN_FLIGHT).
  const backlog: Context[] = []
  let first: ((value?: unknown) => void) | undefined
  const answered = new Promise((resolve) => (first = resolve))

  const handOver = (ctx: Context) => {
    waiting.delete(ctx)
    const method = send[ctx.event.type]
    if (!method) return
    if (inFlight >= MAX_IN_FLIGHT && !leaving) return void backlog.push(ctx)
    // The request carries the event and some metadata the SDK adds; the destination sends synchronously.
    const size = bytes(ctx.event) + 1024
    const keepalive = (request.keepalive = keepaliveInFlight + size <= (own.has(ctx) ? KEEPALIVE_BUDGET : REPLAY_BUDGET))
    if (keepalive) keepaliveInFlight += size
    inFlight++
    Promise.resolve(method.call(destination, ctx))
      .catch(() => undefined)
      .finally(() => {
        inFlight--
        if (keepalive) keepaliveInFlight -= size
        first?.()
        const next = backlog.shift()
        if (next) handOver(next)
      })
  }
  const handOverNow = (ctx: Context) => {
    early.add(ctx)
    handOver(ctx)
  }

  for (const type of TYPES) {
    send[type] = destination?.[type]
    if (destination && send[type]) {
      destination[type] = (ctx: Context) => {
        if (!early.delete(ctx)) handOver(ctx)
        return Promise.resolve(ctx)
      }
    }
  }

  return {
    answered,
    resend(event) {
      const ctx = new Context(event as SegmentEvent)
      own.add(ctx)
      handOver(ctx)
    },
    enriched(ctx) {
      own.add(ctx)
      if (leaving) handOverNow(ctx)
      else waiting.add(ctx)
    },
    leaving(on) {
      leaving = on
      if (!on) return
      backlog.splice(0).forEach(handOver)
      waiting.forEach(handOverNow)
      // Each flush() takes one queued event synchronously; its enrichment then runs in this task's microtasks.
      for (let queued = analytics.queue.queue.length; queued > 0; queued--) void analytics.queue.flush()
    },
  }
}

/** Segment's API refuses an event over 32 KB; the properties get what the rest of the event leaves of it. */
const MAX_PROPERTIES_BYTES = 28 * 1024

/**
 * Properties small enough to send, as one or more events. A list of products too long for one event (a
 * catalog of thousands) is split into several events with the same other properties; anything else too
 * large is refused (an empty array), never sent to fail.
 */
export function withinLimit(properties: Record<string, unknown>): Array<Record<string, unknown>> {
  if (bytes(properties) <= MAX_PROPERTIES_BYTES) return [properties]
  const products = properties.products
  if (!Array.isArray(products) || products.length < 2) return []
  const half = Math.ceil(products.length / 2)
  return [...withinLimit({ ...properties, products: products.slice(0, half) }), ...withinLimit({ ...properties, products: products.slice(half) })]
}
