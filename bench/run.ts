/**
 * `npm run bench` (after `npm run build`): the tag against no analytics and against the stock setup, side by side,
 * in headless Chromium, on pages served locally (bench/pages.ts) with the local collector. Prints a table and
 * writes bench/results.json. BENCH_RUNS (default 10) sets the runs per variant; each figure is their median.
 *
 * How each figure is taken (Chrome DevTools Protocol and the Performance API, no wall-clock sleeps):
 * - bytes: every resource the page fetched (Resource Timing) that started before the page event was stored at
 *   the collector, except the event requests themselves, each gzipped (level 9) as a server would send it;
 * - first event: the collector's `receivedAt` of the page event minus the page's `performance.timeOrigin`
 *   (navigation start), both clocks of this machine; on an ordinary page (20 products), on the same page over an
 *   emulated mobile network (CDP Network.emulateNetworkConditions), and on the catalog page;
 * - start-up scripting: CDP `Performance.getMetrics` ScriptDuration from navigation until the page event and the
 *   first impression (Promotion Viewed or Product List Viewed) are stored, so that the SDK and the markup watchers
 *   are running, and the main thread is idle (requestIdleCallback); for the floor: until load and idle. The tag
 *   sends its page event before it loads the SDK: waiting for the page event alone left the SDK's start-up to
 *   whatever was measured next (the scroll);
 * - click handler: `performance.now()` around `dispatchEvent(click)` on 200 products picked at random: every
 *   listener of the click runs inside that call, so this is the time the click's own task spends in them. The
 *   pages are cross-origin isolated (COOP/COEP), which gives performance.now() a 5 µs resolution instead of 100.
 *   Scripting per click adds the work queued by the click and done later (ScriptDuration until idle, / 200). The
 *   same on the link inside each product: a click that leaves the page, which the tag hands over in its own task;
 * - scroll: CDP `Input.synthesizeScrollGesture` from top to bottom of the 2,000 promotions, SCROLL_AFTER_MS after
 *   navigation for every variant, with the analytics running (see start-up scripting); ScriptDuration and
 *   TaskDuration (all main-thread work: script, style, layout, paint) until SETTLE_MS after the gesture and idle,
 *   so that the work the tag leaves for the end of a fast scroll (promotions.ts) is counted;
 * - heap: `HeapProfiler.collectGarbage`, then JSHeapUsedSize, after the scroll.
 */
import { readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { extname, join } from 'node:path'
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test'
import { startCollector, type StoredEvent } from '../collector/collector'
import { startSite, type Route } from '../collector/demo-server'
import { gzipped, measure } from '../scripts/sizes'
import { page as html, PAGES, VARIANTS, WRITE_KEY, type PageKind, type Variant } from './pages'

const RUNS = Number(process.env.BENCH_RUNS ?? 10)
const CLICKS = 200
/** px per second: the 2,000 promotions (about 22,000 px) go by in about a second and a half. */
const SCROLL_SPEED = 15_000
/** Past the 100 ms rest after which the tag watches the promotions it set aside, and short of the impression time. */
const SETTLE_MS = 500
/**
 * The scroll starts this long after navigation, the same moment for every variant (later if the analytics were not
 * running yet): a page is scrolled in the same state of its rendering whether it waited for analytics or not.
 */
const SCROLL_AFTER_MS = 3_000
const root = join(import.meta.dirname, '..')
const standalone = join(root, 'node_modules/@segment/analytics-next/dist/umd')

// ------------------------------------------------------------------ servers

const collector = await startCollector({ port: 0 })
const pages = new Map<string, string>()

/** Bench pages (cross-origin isolated), and the stock setup's "CDN": standalone.js, its chunks, the settings. */
const benchRoute: Route = async (req, res, url) => {
  const origin = `http://${req.headers.host}`
  const bench = /^\/bench\/(\w+)-(\w+)\.html$/.exec(url.pathname)
  if (bench && PAGES.includes(bench[1] as PageKind) && VARIANTS.includes(bench[2] as Variant)) {
    const key = `${bench[1]}-${bench[2]}`
    if (!pages.has(key)) pages.set(key, html(bench[1] as PageKind, bench[2] as Variant, origin, collector.apiHost))
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    })
    res.end(pages.get(key))
    return true
  }
  const file =
    url.pathname === `/analytics.js/v1/${WRITE_KEY}/analytics.min.js`
      ? join(standalone, 'standalone.js')
      : /^\/analytics-next\/bundles\/[\w.-]+\.js$/.test(url.pathname)
        ? join(standalone, url.pathname.slice('/analytics-next/bundles/'.length))
        : undefined
  if (file && extname(file) === '.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' })
    res.end(await readFile(file))
    return true
  }
  // Segment's CDN serves the settings beside the script; here they are the collector's, passed through.
  if (/^\/v1\/projects\/[^/]+\/settings$/.test(url.pathname)) {
    const settings = await fetch(collector.url + url.pathname)
    res.writeHead(settings.status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' })
    res.end(await settings.text())
    return true
  }
  return false
}

const site = await startSite({ port: 0, collectorUrl: collector.url, extraRoutes: [benchRoute] })
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
})

// ------------------------------------------------------------------ measuring

type Metrics = Record<string, number>

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]))
}

/** Resolves once the page's main thread is idle (twice, so that work queued by the first idle period is done too). */
const idle = (page: Page) =>
  page.evaluate(async () => {
    for (let i = 0; i < 2; i++) await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5_000 }))
  })

const gzipCache = new Map<string, number>()
async function gzipSize(url: string): Promise<number> {
  if (!gzipCache.has(url)) gzipCache.set(url, gzipped(Buffer.from(await (await fetch(url)).arrayBuffer())))
  return gzipCache.get(url)!
}

/** What is not analytics code or settings: the events sent, and the page's own favicon. */
const NOT_COUNTED = /\/v1\/(t|p|i|g|a|s|b|m|track|page|identify|group|alias|screen|batch)$|\/favicon\.ico$/

/** A mobile network as Lighthouse emulates one: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up. */
const MOBILE = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 }

/** The first event of the page whose URL has `search` that `is`, once the collector has stored it. */
function stored(search: string, what: string, is: (event: StoredEvent) => boolean): Promise<StoredEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} for ${search} within 60 s`)), 60_000)
    const stop = collector.onEvent((event) => {
      if (!is(event) || searchOf(event) !== search) return
      clearTimeout(timer)
      stop()
      resolve(event)
    })
  })
}

/** The page's query: a page event's own property, and every event's context.page (analytics-next adds it). */
const searchOf = (event: StoredEvent) =>
  event.type === 'page' ? (event.properties as { search?: string } | undefined)?.search : (event.context as { page?: { search?: string } } | undefined)?.page?.search

const IMPRESSIONS = ['Promotion Viewed', 'Product List Viewed']

interface Visit {
  page: Page
  cdp: CDPSession
  close(): Promise<void>
  startupScriptingMs: number
  firstEventMs?: number
  bytes?: number
}

/**
 * Opens a page in a fresh context (empty cache and storage: a first visit), until its page event and first
 * impression are stored and all is idle; on the emulated mobile network with `mobile`.
 */
async function visit(kind: PageKind, variant: Variant, run: number, mobile = false): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  if (mobile) await cdp.send('Network.emulateNetworkConditions', MOBILE)
  const before = await metrics(cdp)
  const search = `?bench=${kind}-${variant}-${run}${mobile ? '-mobile' : ''}`
  // The stock pages send thousands of events a run: the collector keeps only this visit's.
  collector.reset()
  const analytics = variant !== 'floor'
  const pageEventStored = analytics ? stored(search, 'page event', (event) => event.type === 'page') : undefined
  const running = analytics ? stored(search, 'impression', (event) => IMPRESSIONS.includes(event.event as string)) : undefined
  await page.goto(`${site.url}/bench/${kind}-${variant}.html${search}`)
  const [pageEvent] = await Promise.all([pageEventStored, running])
  await idle(page)
  const after = await metrics(cdp)
  const result: Visit = {
    page,
    cdp,
    close: () => context.close(),
    startupScriptingMs: (after.ScriptDuration! - before.ScriptDuration!) * 1000,
  }
  if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error('the bench page is not cross-origin isolated')
  if (pageEvent) {
    const timing = await page.evaluate(() => ({
      timeOrigin: performance.timeOrigin,
      resources: performance.getEntriesByType('resource').map((e) => ({ name: e.name, startTime: e.startTime })),
    }))
    const storedAt = Date.parse(pageEvent.receivedAt)
    result.firstEventMs = storedAt - timing.timeOrigin
    const fetched = timing.resources.filter((r) => timing.timeOrigin + r.startTime <= storedAt && !NOT_COUNTED.test(r.name))
    result.bytes = (await Promise.all(fetched.map((r) => gzipSize(r.name)))).reduce((sum, n) => sum + n, 0)
  } else result.bytes = 0
  return result
}

/**
 * Clicks 200 products picked at random (the same ones for every variant), on `selector` inside them; each click's
 * dispatch time in ms. A click on a link would leave the page: the bench's own listener, after all others, keeps it.
 */
const clickProducts = (page: Page, selector: string) =>
  page.evaluate(([count, selector]) => {
    document.addEventListener('click', (event) => event.preventDefault())
    const targets = Array.from(document.querySelectorAll(selector))
    let seed = 42
    const times: number[] = []
    for (let i = 0; i < count; i++) {
      seed = (seed * 16807) % 2147483647
      const target = targets[seed % targets.length]!
      const start = performance.now()
      target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window, button: 0 }))
      times.push(performance.now() - start)
    }
    return times
  }, [CLICKS, selector] as const)

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

interface Run {
  bytes: number
  firstEventMs?: number
  mobileFirstEventMs?: number
  catalogFirstEventMs?: number
  startupScriptingMs: number
  clickHandlerMs: number
  clickScriptingMs: number
  linkClickHandlerMs: number
  scrollScriptingMs: number
  scrollMainThreadMs: number
  heapMB: number
}

async function measureOnce(variant: Variant, run: number): Promise<Run> {
  const landing = await visit('landing', variant, run)
  await landing.close()
  const mobile = await visit('landing', variant, run, true)
  await mobile.close()

  const catalog = await visit('catalog', variant, run)
  const beforeClicks = await metrics(catalog.cdp)
  const clickTimes = await clickProducts(catalog.page, '.p h3')
  await idle(catalog.page)
  const afterClicks = await metrics(catalog.cdp)
  const linkClickTimes = await clickProducts(catalog.page, '.p a[href]')
  await catalog.close()

  const promotions = await visit('promotions', variant, run)
  const { cdp, page } = promotions
  await page.evaluate((ms) => new Promise((resolve) => setTimeout(resolve, ms - performance.now())), SCROLL_AFTER_MS)
  await idle(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const beforeScroll = await metrics(cdp)
  const distance = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight)
  await cdp.send('Input.synthesizeScrollGesture', { x: 640, y: 400, yDistance: -distance, speed: SCROLL_SPEED, gestureSourceType: 'mouse', preventFling: true })
  await page.waitForTimeout(SETTLE_MS)
  await idle(page)
  const afterScroll = await metrics(cdp)
  const scrolled = await page.evaluate(() => scrollY)
  if (scrolled < distance - 2) throw new Error(`the scroll stopped at ${scrolled} px of ${distance}`)
  await cdp.send('HeapProfiler.collectGarbage')
  const heap = (await metrics(cdp)).JSHeapUsedSize!
  await promotions.close()

  return {
    bytes: landing.bytes ?? 0,
    ...(landing.firstEventMs === undefined
      ? {}
      : { firstEventMs: landing.firstEventMs, mobileFirstEventMs: mobile.firstEventMs!, catalogFirstEventMs: catalog.firstEventMs! }),
    startupScriptingMs: catalog.startupScriptingMs,
    clickHandlerMs: median(clickTimes),
    clickScriptingMs: ((afterClicks.ScriptDuration! - beforeClicks.ScriptDuration!) * 1000) / CLICKS,
    linkClickHandlerMs: median(linkClickTimes),
    scrollScriptingMs: (afterScroll.ScriptDuration! - beforeScroll.ScriptDuration!) * 1000,
    scrollMainThreadMs: (afterScroll.TaskDuration! - beforeScroll.TaskDuration!) * 1000,
    heapMB: heap / 1e6,
  }
}

// ------------------------------------------------------------------ the run

const FIGURES = {
  bytes: { label: 'bytes fetched before the first event (gzip)', unit: 'KB', scale: 1 / 1000, digits: 1 },
  firstEventMs: { label: 'navigation start → page event stored', unit: 'ms', scale: 1, digits: 0 },
  mobileFirstEventMs: { label: 'the same, emulated mobile network (150 ms RTT, 1.6 Mbit/s)', unit: 'ms', scale: 1, digits: 0 },
  catalogFirstEventMs: { label: 'the same, on the 5,000-product page', unit: 'ms', scale: 1, digits: 0 },
  startupScriptingMs: { label: 'start-up scripting, 5,000 products + 500 promotions', unit: 'ms', scale: 1, digits: 1 },
  clickHandlerMs: { label: 'click handler, median per click', unit: 'ms', scale: 1, digits: 3 },
  clickScriptingMs: { label: 'scripting per click, queued SDK work included', unit: 'ms', scale: 1, digits: 3 },
  linkClickHandlerMs: { label: 'click handler on a product’s link (the page is left: the SDK’s work in it), median', unit: 'ms', scale: 1, digits: 3 },
  scrollScriptingMs: { label: 'scripting while scrolling 2,000 promotions', unit: 'ms', scale: 1, digits: 1 },
  scrollMainThreadMs: { label: 'main-thread time while scrolling (all tasks)', unit: 'ms', scale: 1, digits: 1 },
  heapMB: { label: 'JS heap after the scroll (after GC)', unit: 'MB', scale: 1, digits: 2 },
} as const
type Figure = keyof typeof FIGURES

const started = Date.now()
const loadBefore = os.loadavg()
const samples = Object.fromEntries(VARIANTS.map((v) => [v, [] as Run[]])) as Record<Variant, Run[]>
console.log(`academy-analytics bench: ${RUNS} runs of each variant, Chromium ${browser.version()}, ${os.cpus().length} CPUs, load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`)
for (let run = 1; run <= RUNS; run++) {
  // The order of the variants turns from run to run, so that none always goes first (or last) on a busy machine.
  const order = VARIANTS.map((_, i) => VARIANTS[(i + run) % VARIANTS.length]!)
  for (const variant of order) samples[variant].push(await measureOnce(variant, run))
  process.stdout.write(`  run ${run}/${RUNS} done\n`)
}

const figures = Object.fromEntries(
  (Object.keys(FIGURES) as Figure[]).map((figure) => {
    const values = Object.fromEntries(
      VARIANTS.map((v) => {
        const runs = samples[v].map((r) => r[figure]).filter((x): x is number => x !== undefined)
        return [v, runs.length ? median(runs) : null]
      }),
    ) as Record<Variant, number | null>
    const ratio = values.academy !== null && values.stock ? values.academy / values.stock : null
    return [figure, { ...FIGURES[figure], ...values, academyToStock: ratio, samples: Object.fromEntries(VARIANTS.map((v) => [v, samples[v].map((r) => r[figure] ?? null)])) }]
  }),
) as Record<Figure, (typeof FIGURES)[Figure] & Record<Variant, number | null> & { academyToStock: number | null }>

const f = figures
const atMost = (ratio: number | null, limit: number) => ({ value: ratio, met: (ratio ?? Infinity) <= limit })
const targets = [
  { target: 'first page event at most 0.7 of the stock setup’s, over loopback', ...atMost(f.firstEventMs.academyToStock, 0.7) },
  { target: 'the same, at most 0.6 on the emulated mobile network', ...atMost(f.mobileFirstEventMs.academyToStock, 0.6) },
  { target: 'the same, at most 0.7 on the 5,000-product page', ...atMost(f.catalogFirstEventMs.academyToStock, 0.7) },
  { target: 'bytes before the first event at most 0.2 of the stock setup’s', ...atMost(f.bytes.academyToStock, 0.2) },
  { target: 'start-up scripting at most the stock setup’s', value: f.startupScriptingMs.academyToStock, met: (f.startupScriptingMs.academyToStock ?? Infinity) <= 1 },
  { target: 'median click handler under 0.05 ms', value: f.clickHandlerMs.academy, met: (f.clickHandlerMs.academy ?? Infinity) < 0.05 },
  {
    target: 'scrolling cost (main-thread time) within 10% of the floor',
    value: f.scrollMainThreadMs.academy! / f.scrollMainThreadMs.floor!,
    met: f.scrollMainThreadMs.academy! <= 1.1 * f.scrollMainThreadMs.floor!,
  },
]

// ------------------------------------------------------------------ report

const show = (figure: Figure, value: number | null) => (value === null ? '–' : (value * FIGURES[figure].scale).toFixed(FIGURES[figure].digits))
const rows = (Object.keys(FIGURES) as Figure[]).map((figure) => [
  `${FIGURES[figure].label} (${FIGURES[figure].unit})`,
  show(figure, f[figure].floor),
  show(figure, f[figure].stock),
  show(figure, f[figure].academy),
  f[figure].academyToStock === null ? '–' : f[figure].academyToStock!.toFixed(2),
])
const header = ['figure (median of ' + RUNS + ' runs)', 'no analytics', 'stock setup', 'academy-analytics', 'academy / stock']
const table = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n')
console.log(`\n${table}\n`)
for (const t of targets) console.log(`${t.met ? 'met    ' : 'MISSED '} ${t.target}: ${t.value === null ? '–' : t.value.toFixed(3)}`)

const sizes = measure(join(root, 'dist'))
const results = {
  date: new Date(started).toISOString(),
  durationS: Math.round((Date.now() - started) / 1000),
  runs: RUNS,
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadavgBefore: loadBefore, loadavgAfter: os.loadavg(), node: process.version, chromium: browser.version() },
  build: { loaderGzip: sizes.loader, beforeFirstEventGzip: sizes.beforeFirstEvent, files: sizes.files },
  figures,
  targets,
  table,
}
await writeFile(join(import.meta.dirname, 'results.json'), JSON.stringify(results, null, 2) + '\n')
console.log(`\nbench/results.json written (${results.durationS} s)`)

await browser.close()
await site.close()
await collector.close()
