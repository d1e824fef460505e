/**
 * Replaces analytics-next's lib/fetch, which falls back to the `unfetch` polyfill when there is no native
 * fetch: every browser that can run the core (an ES module loaded with import()) has one. Looked up at each
 * call, like the original, so a page's (or a test's) own wrapper of window.fetch still sees the requests.
 *
 * Two changes to the tracking requests (the ones that carry a write key in their body):
 * - They go as simple CORS requests, without the `Authorization` (and `X-Retry-Count`) header the SDK adds: the
 *   write key is in the body, which Segment's API reads as well (as the classic analytics.js sent it), and
 *   without those headers the browser sends no preflight, a whole round trip less before the first event.
 * - A keepalive request counts against the page's 64 KiB keepalive budget until its response body has been read,
 *   and analytics-next never reads it (it looks at the status alone): without this, a page's keepalive requests
 *   stop at the eighth event of 8 KB, every later one failing at once. The body is read here (a few bytes).
 */
export const fetch: typeof globalThis.fetch = (input, init) => {
  if (typeof init?.body === 'string' && init.body.includes('"writeKey"') && init.headers && !(init.headers instanceof Headers)) {
    const { Authorization: _, 'X-Retry-Count': __, ...headers } = init.headers as Record<string, string>
    init = { ...init, headers }
  }
  const response = globalThis.fetch(input, init)
  return init?.keepalive ? response.then(async (res) => (await res.arrayBuffer().catch(() => undefined), res)) : response
}
