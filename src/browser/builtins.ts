/**
 * Built-ins that the old libraries of the store's pages replace: MooTools' `Array.from` (wraps a Set in an array,
 * ignores the map function), a fetch polyfill as `window.fetch` (XHR underneath: no keepalive), core-js's `Promise`.
 * The tag's own code uses syntax where it can (spread, for…of, object spread: no `Array.from`, no `Object.assign`)
 * and takes what it cannot do without from here. Used by the core chunk (and the analytics-next source compiled
 * into it, scripts/lean-core.ts); the loader only asks `isNative(window.fetch)` before it sends the page view.
 */

const NATIVE = /\{\s*\[native code\]\s*\}\s*$/

/** Whether `value` is a function of the browser's own, not one a script of the page wrote. */
export const isNative = (value: unknown): value is (...args: never[]) => unknown =>
  typeof value === 'function' && NATIVE.test(Function.prototype.toString.call(value))

/** `Array.from` of an iterable, no map function (analytics-next passes Sets): MooTools' would return `[theSet]`. */
export const arrayFrom = <T>(items: Iterable<T>): T[] => [...items]

let framed: typeof fetch | undefined | null

/**
 * The browser's own fetch: the page's when it is native, else that of a blank frame, called on this window (the
 * request is the page's: its origin, cookies and keepalive), as Sentry's SDK does; undefined when there is none.
 * The frame is removed at once: its fetch keeps working when called on this window.
 */
export function ownFetch(): typeof fetch | undefined {
  if (isNative(window.fetch)) return window.fetch
  if (framed === undefined) {
    framed = null
    try {
      // Removed in the same task: never rendered.
      const frame = document.createElement('iframe')
      document.documentElement.appendChild(frame)
      const pristine = frame.contentWindow?.fetch
      frame.remove()
      if (isNative(pristine)) framed = pristine.bind(window)
    } catch {
      // No frame (a document being torn down): the caller falls back to sendBeacon.
    }
  }
  return framed ?? undefined
}
