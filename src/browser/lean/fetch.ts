/**
 * Replaces analytics-next's lib/fetch, which falls back to the `unfetch` polyfill when there is no native
 * fetch: every browser that can run the core (an ES module loaded with import()) has one. Looked up at each
 * call, like the original, so a page's (or a test's) own wrapper of window.fetch still sees the requests.
 */
export const fetch: typeof globalThis.fetch = (...args) => globalThis.fetch(...args)
