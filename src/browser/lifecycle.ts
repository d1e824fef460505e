/** Page lifecycle: a page restored from the back/forward cache, and the flush before the page goes. */
import { core, flush, send, stashPending } from './sdk'

const restarts: Array<() => void> = []
let writeKey: string

/** `restart` runs when a page restored from the back/forward cache is a new page view ("once" starts over). */
export function onRestart(restart: () => void): void {
  restarts.push(restart)
}

/** A page going away runs no more tasks: queued events are handed to the SDK and pushed out now. */
function leaving(on: boolean): void {
  if (on) flush(true)
  core?.leaving(on)
}

/**
 * The visitor followed a link or submitted a form: the page is probably going, and what it holds goes now, in this
 * task, as on pagehide. A page left for another site may never run its pagehide (Chromium drops the old page's
 * unload work when its process is busy), so an event that waits for it can be lost. A page that stays (a link
 * handled by a script, a new tab) is back to normal one task later.
 */
export function departing(): void {
  leaving(true)
  stashPending(writeKey, true)
  setTimeout(() => leaving(document.hidden))
}

/** The first page view is index.ts's to send; this one sends the page view of a page restored from the cache. */
export function startLifecycle(key: string): void {
  writeKey = key

  addEventListener('pageshow', (event) => {
    leaving(false)
    if (!event.persisted) return
    send({ type: 'page' })
    restarts.forEach((restart) => restart())
  })
  // Registered before the SDK's own pagehide listeners, which persist whatever is still queued after this.
  addEventListener('pagehide', () => {
    leaving(true)
    stashPending(writeKey)
  })
  document.addEventListener('visibilitychange', () => leaving(document.hidden))
}
