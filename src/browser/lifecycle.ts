/** Page lifecycle: the page view, a page restored from the back/forward cache, and the flush before the page goes. */
import { restartImpressions } from './impressions'
import { flush, send } from './sdk'

export function startLifecycle(): void {
  send({ type: 'page' })
  addEventListener('pageshow', (event) => {
    if (!event.persisted) return
    send({ type: 'page' })
    restartImpressions()
  })
  // Hand queued events to the SDK before it persists its queue on the same event.
  addEventListener('pagehide', flush)
}
