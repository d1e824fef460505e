/**
 * Replaces analytics-next's lib/fetch, which falls back to the `unfetch` polyfill when there is no native
 * fetch: every browser that can run the core (an ES module loaded with import()) has one. Looked up at each
 * call, like the original, so a page's (or a test's) own wrapper of window.fetch still sees the requests.
 *
 * A keepalive request counts against the page's 64 KiB keepalive budget until its response body has been read,
 * and analytics-next never reads it (it looks at the status alone): without this, a page's keepalive requests
 * stop at the eighth event of 8 KB, every later one failing at once. The body is read here (a few bytes).
 */
export const fetch: typeof globalThis.fetch = (input, init) => {
  const response = globalThis.fetch(input, init)
  return init?.keepalive ? response.then(async (res) => (await res.arrayBuffer().catch(() => undefined), res)) : response
}
