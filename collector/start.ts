/**
 * `npm start` (after `npm run build`): the collector and the demo site together.
 *   COLLECTOR_PORT (default 8787), PORT (default 8080).
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { academyFlows } from './academy-flows.ts'
import { startCollector, type Collector } from './collector.ts'
import { startSite } from './demo-server.ts'
import { describeListenError, envPort, onShutdown } from './shared.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const collectorPort = envPort('COLLECTOR_PORT', 8787)
const sitePort = envPort('PORT', 8080)

if (!fs.existsSync(path.join(root, 'dist', 'academy-analytics.js'))) {
  console.warn('Warning: dist/academy-analytics.js is missing; run `npm run build` first or the pages will load no tag.')
}

let collector: Collector
try {
  collector = await startCollector({ port: collectorPort, ndjsonPath: path.join(root, '.collector', 'events.ndjson'), log: true })
} catch (err) {
  console.error(describeListenError(err, 'collector', collectorPort, 'COLLECTOR_PORT'))
  process.exit(1)
}

try {
  const flows = academyFlows({ collectorUrl: collector.url, root })
  const site = await startSite({ port: sitePort, root, collectorUrl: collector.url, extraRoutes: flows.routes, userIdOf: flows.userIdOf })
  console.log(`Demo site: ${site.url}/  (events stream into the live panel; collector at ${collector.url})`)
  console.log('Press Ctrl+C to stop.')
  onShutdown(async () => {
    await site.close()
    await flows.close() // the server events still queued reach the collector before it stops
    await collector.close()
  })
} catch (err) {
  console.error(describeListenError(err, 'demo site', sitePort, 'PORT'))
  await collector.close()
  process.exit(1)
}
