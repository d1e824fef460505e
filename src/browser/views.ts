/**
 * Impressions (contract §2 `view` and §3 lists, carts, product details, promotions), a chunk of their own that the
 * watchers (watchers.ts) start once the SDK has answered: they are never urgent (what is in view now is
 * still in view a moment later, and the IntersectionObserver reports it as soon as it watches), and nothing
 * should compete with the first event. One IntersectionObserver for all of them (impressions.ts).
 */
import { readImpressionConfig, type Config } from './config'
import { restartImpressions, startImpressions } from './impressions'
import { connect, type Link } from './link'
import { startProducts } from './products'
import { startPromotions } from './promotions'

export type StartViews = (loader: Link, config: Config) => void

export const start: StartViews = (loader, config) => {
  connect(loader)
  const options = readImpressionConfig(config.script)
  startImpressions(options.impressionThreshold)
  startProducts()
  startPromotions(options)
  loader.onRestart(restartImpressions)
}
