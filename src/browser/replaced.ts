/**
 * Debug mode's note on the page's built-ins (with the overlay, loaded only in debug mode): what a script of the
 * page replaced that the tag meets, and what the tag does about it.
 */
import { isNative, ownFetch } from './builtins'

/** One sentence per built-in replaced. */
export function replacedBuiltins(): string[] {
  const notes: string[] = []
  const replaced = (name: string, value: unknown, consequence: string) => {
    if (typeof value === 'function' && !isNative(value)) notes.push(`${name} is not the browser's own (a script of the page replaced it): ${consequence}`)
  }
  replaced(
    'window.fetch',
    window.fetch,
    ownFetch() ? "events are sent with the browser's own fetch, taken from a blank frame" : 'no own fetch is to be had: events are sent with navigator.sendBeacon, without retries',
  )
  replaced('Array.from', Array.from, 'the tag does not use it')
  replaced('Promise', Promise, "the SDK's queues and retries run on it; a broken one loses events")
  replaced('JSON.stringify', JSON.stringify, 'every event is serialized with it; a broken one sends malformed events')
  replaced('Element.prototype.closest', Element.prototype.closest, 'clicks are attributed with it; a broken one misattributes them')
  replaced('Element.prototype.matches', Element.prototype.matches, 'markup inserted later is found with it')
  replaced('CustomEvent', window.CustomEvent, 'the events dispatched for QA and the overlay are built with it')
  return notes
}
