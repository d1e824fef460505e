/**
 * Impressions (contract §2 `view` and §3 lists, carts, product details, promotions), a chunk of their own that the
 * watchers (watchers.ts) start once the SDK has answered: they are never urgent (what is in view now is
 * still in view a moment later, and the IntersectionObserver reports it as soon as it watches), and nothing
 * should compete with the first event. One IntersectionObserver for all of them (impressions.ts).
 */
import { readImpressionConfig, type Config } from './config'
import { restartImpressions, startImpressions } from './impressions'
import { link } from './link'
import { startProducts } from './products'
import { startPromotions } from './promotions'

/** Starts impressions; the watchers have connected the link to the loader. */
export function start(config: Config): void {
  const options = readImpressionConfig(config.script)
  startImpressions(options.impressionThreshold)
  startProducts()
  startPromotions(options)
  link.onRestart(restartImpressions)
}
