/**
 * Ordered delivery for analytics-node: one batch in flight at a time, retried until it is delivered (or given up)
 * before the next batch leaves.
 *
 * Why: analytics-node sends each batch on its own and retries it on its own. An Identify and its Track can land in
 * two batches (the first batch fills up at `flushAt`, or its flush timer fires between them), and while the first
 * batch waits to retry a 503 the second one goes out: the Track reaches Segment before its Identify, and later
 * events before earlier ones. Here the retries happen inside the HTTP client the publisher calls, behind a queue,
 * so batches reach the collector in the order they were made, retries included. The publisher itself is given
 * `maxRetries: 0`: it sees one final answer per batch.
 */
import type { HTTPClient, HTTPClientRequest, HTTPResponse } from '@segment/analytics-node'

/** As analytics-node: 10 retries, waiting 0.5 s doubling each time (plus up to half), at most 60 s: 4 to 5 minutes in all. */
export const RETRIES = 10
const FIRST_DELAY_MS = 500
const MAX_DELAY_MS = 60_000

/** Retried as analytics-node retries them: 5xx except 501, 505 and 511, and 408, 410, 429, 460 (and network errors). */
const isTransient = (status: number): boolean =>
  (status >= 500 && status !== 501 && status !== 505 && status !== 511) || [408, 410, 429, 460].includes(status)

export interface OrderedDelivery extends HTTPClient {
  /** Stops waiting to retry: the batch waiting fails now (the emitter logs it as lost), so close() never hangs. */
  stop(): void
}

/** Wraps `transport` (the HTTP client that really sends). */
export function orderedDelivery(transport: HTTPClient): OrderedDelivery {
  let line: Promise<unknown> = Promise.resolve()
  const stopped = new AbortController()

  async function deliver(request: HTTPClientRequest): Promise<HTTPResponse> {
    for (let retry = 0; ; retry++) {
      let response: HTTPResponse | undefined
      let failure = ''
      try {
        const headers = retry ? { ...request.headers, 'X-Retry-Count': String(retry) } : request.headers
        response = await transport.makeRequest({ ...request, headers })
      } catch (err) {
        // A network error, retried. fetch says only "fetch failed": the cause says why (ECONNREFUSED...).
        const cause = (err as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause
        const why = cause?.code ?? cause?.message
        failure = (err instanceof Error ? err.message : String(err)) + (typeof why === 'string' ? ` (${why})` : '')
      }
      if (response) {
        if (response.status >= 200 && response.status < 400) return response
        failure = `HTTP ${response.status}${response.statusText ? ' ' + response.statusText : ''}`
        if (!isTransient(response.status)) throw new Error(`${failure} from ${request.url}; not retried`)
      }
      if (retry === RETRIES) throw new Error(`${failure} from ${request.url}; gave up after ${RETRIES + 1} attempts`)
      const backoff = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** retry * (1 + Math.random() / 2))
      await sleep((response && retryAfter(response)) ?? backoff, stopped.signal)
      if (stopped.signal.aborted) throw new Error(`${failure} from ${request.url}; not retried: closing`)
    }
  }

  return {
    makeRequest(request) {
      const result = line.then(() => deliver(request))
      line = result.catch(() => undefined)
      return result
    },
    stop() {
      stopped.abort()
    },
  }
}

/** `Retry-After` in seconds (429, 503), capped like the backoff; the HTTP-date form is rare enough to ignore. */
function retryAfter(response: HTTPResponse): number | undefined {
  const headers = response.headers
  if (!headers) return undefined
  const raw = typeof headers.get === 'function' ? headers.get('retry-after') : (headers as Record<string, unknown>)['retry-after']
  const seconds = Number(raw)
  return raw != null && raw !== '' && Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, MAX_DELAY_MS) : undefined
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
  })
}
