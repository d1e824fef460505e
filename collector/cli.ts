/**
 * `npm run collector`: the Segment-compatible collector alone.
 *   COLLECTOR_PORT (default 8787), COLLECTOR_HOST (default 127.0.0.1),
 *   COLLECTOR_WRITE_KEYS (comma-separated, default demo-write-key).
 * Events are kept in memory and appended to .collector/events.ndjson; each is judged against the tracking plan,
 * and every bad one is logged (one line: the event and its violations).
 */
import { startCollector } from './collector.ts'
import { describeListenError, envPort, onShutdown } from './shared.ts'

const port = envPort('COLLECTOR_PORT', 8787)
const host = process.env.COLLECTOR_HOST || '127.0.0.1'
const writeKeys = (process.env.COLLECTOR_WRITE_KEYS || 'demo-write-key').split(',').map((k) => k.trim()).filter(Boolean)
const ndjsonPath = '.collector/events.ndjson'

try {
  const collector = await startCollector({ port, host, writeKeys, ndjsonPath, log: true })
  const u = collector.url
  console.log(`Segment-compatible collector listening at ${u}
  write keys:  ${writeKeys.join(', ')}
  tracking:    POST ${u}/v1/{t,p,i,g,a,s,b}  and /v1/{track,page,identify,group,alias,screen,batch,import}
               (the tag's data-api-host="${collector.apiHost}")
  settings:    GET  ${u}/v1/projects/<writeKey>/settings  (data-cdn-url="${u}")
  events:      GET  ${u}/events[?type=track&event=...]   DELETE ${u}/events
  the plan:    GET  ${u}/events?valid=false   GET ${u}/events/summary   (bad events are logged below)
  live stream: GET  ${u}/events/stream  (Server-Sent Events)
  health:      GET  ${u}/health
  NDJSON log:  ${ndjsonPath}
Press Ctrl+C to stop.`)
  onShutdown(() => collector.close())
} catch (err) {
  console.error(describeListenError(err, 'collector', port, 'COLLECTOR_PORT'))
  process.exit(1)
}
