/**
 * Replaces analytics-next's lib/fetch, which falls back to the `unfetch` polyfill when there is no native
 * fetch: every browser that can run the core (an ES module loaded with import()) has one. It is the browser's own
 * (builtins.ts `ownFetch`) even where the page put a polyfill in `window.fetch`: whatwg-fetch, say, sends with XHR,
 * which has no keepalive, so a click on a link that leaves the page would lose its event. With no own fetch to be
 * had, a tracking request goes by navigator.sendBeacon (which the browser also completes after the page is gone).
 *
 * Two changes to the tracking requests (the ones that carry a write key in their body):
 * - They go as simple CORS requests, without the `Authorization` (and `X-Retry-Count`) header the SDK adds: the
 *   write key is in the body, which Segment's API reads as well (as the classic analytics.js sent it), and
 *   without those headers the browser sends no preflight, a whole round trip less before the first event.
 * - A keepalive request counts against the page's 64 KiB keepalive budget until its response body has been read,
 *   and analytics-next never reads it (it looks at the status alone): without this, a page's keepalive requests
 *   stop at the eighth event of 8 KB, every later one failing at once. The body is read here (a few bytes).
 */
import { ownFetch } from '../builtins'

export const fetch: typeof globalThis.fetch = (input, init) => {
  const body = init?.body
  const tracking = typeof body === 'string' && body.includes('"writeKey"')
  if (tracking && init?.headers && !(init.headers instanceof Headers)) {
    const { Authorization: _, 'X-Retry-Count': __, ...headers } = init.headers as Record<string, string>
    init = { ...init, headers }
  }
  const own = ownFetch()
  // sendBeacon says only whether the browser took the request: taken counts as delivered.
  if (!own && tracking && navigator.sendBeacon?.(String(input), body)) return Promise.resolve(new Response(null, { status: 202 }))
  const response = (own ?? globalThis.fetch)(input, init)
  return init?.keepalive ? response.then(async (res) => (await res.arrayBuffer().catch(() => undefined), res)) : response
}
