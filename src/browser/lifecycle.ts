/** Page lifecycle: a page restored from the back/forward cache, and the flush before the page goes. */
import { core, flush, send, stashPending } from './sdk'

const restarts: Array<() => void> = []

/** `restart` runs when a page restored from the back/forward cache is a new page view ("once" starts over). */
export function onRestart(restart: () => void): void {
  restarts.push(restart)
}

/** A page going away runs no more tasks: queued events are handed to the SDK and pushed out now. */
function leaving(on: boolean): void {
  if (on) flush(true)
  core?.leaving(on)
}

/** The first page view is index.ts's to send; this one sends the page view of a page restored from the cache. */
export function startLifecycle(writeKey: string): void {
  const left = () => {
    leaving(true)
    stashPending(writeKey)
  }

  addEventListener('pageshow', (event) => {
    leaving(false)
    if (!event.persisted) return
    send({ type: 'page' })
    restarts.forEach((restart) => restart())
  })
  // Registered before the SDK's own pagehide listeners, which persist whatever is still queued after this.
  addEventListener('pagehide', left)
  document.addEventListener('visibilitychange', () => leaving(document.hidden))
}
