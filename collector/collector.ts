/**
 * A local, Segment-compatible tracking API for development and tests.
 *
 * It accepts what @segment/analytics-next (browser), @segment/analytics-node and analytics-java send
 * (`/v1/t|p|i|g|a|s|b` and the long forms), keeps every accepted event in memory
 * (optionally also in an NDJSON file), judges each against the tracking plan (good or bad, with its
 * violations: src/plan/conformance.ts), and exposes a small read API (`/events`, `/events/summary`,
 * `/events/stream`) for tests and the demo's live panel. Built on `node:http` only.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { createReferee, IDENTIFY_WINDOW_MS, type Verdict, type Violation } from '../src/plan/conformance.ts'
import { summarize, type Summary } from './summary.ts'

export interface CollectorOptions {
  port?: number // default 8787; 0 = any free port
  host?: string // default '127.0.0.1'
  writeKeys?: string[] // accepted write keys; default ['demo-write-key']
  ndjsonPath?: string | null // append every accepted event as one JSON line; default null (no file)
  log?: boolean // one short line per accepted/rejected request, and per bad event, on stdout; default false
  /** How long a server's Identify waits for its Track (src/plan/conformance.ts); default 30 s. */
  identifyWindowMs?: number
}

export type StoredEvent = Record<string, unknown> & {
  type: string
  messageId?: string
  receivedAt: string
  writeKey: string
}

/** A stored event with the plan's verdict on it, as `GET /events` serves it. */
export type JudgedEvent = StoredEvent & Omit<Verdict, 'index'>
export type { Summary, Violation }

/** Faults to inject on the tracking endpoints (POSTs to /v1/…), to test delivery under outages. */
export interface Faults {
  /** Answer with this status instead of storing (e.g. 503; 429 with `retryAfter`). */
  status?: number
  /** Seconds, sent as `Retry-After` with the status. */
  retryAfter?: number
  /** How many requests get the status before it clears by itself; default: until cleared. */
  count?: number
  /** Answer every tracking request this many ms late; a request the client abandons meanwhile stores nothing. */
  delayMs?: number
}

export interface Collector {
  url: string // e.g. 'http://127.0.0.1:8787'
  apiHost: string // url + '/v1' — what the tag's data-api-host takes
  events(): StoredEvent[]
  /** The stored events with the plan's verdict on each, in arrival order (what `GET /events` serves). */
  judged(): JudgedEvent[]
  /** Good and bad events per event name and type (what `GET /events/summary` serves). */
  summary(): Summary
  reset(): void
  /** Events not stored because their messageId was already stored (retries of delivered events), since the last reset. */
  duplicates(): number
  /** Replaces the injected faults (null clears them). Also over HTTP: POST /admin/faults (JSON), DELETE /admin/faults. */
  setFaults(faults: Faults | null): void
  /** Stops listening (connections are refused) for `ms`, then listens again on the same port; resolves when back. */
  refuseConnections(ms: number): Promise<void>
  waitFor(predicate: (events: StoredEvent[]) => boolean, timeoutMs?: number): Promise<StoredEvent[]>
  onEvent(listener: (e: StoredEvent) => void): () => void
  close(): Promise<void>
}

/** Segment's documented limits, in bytes. */
export const LIMITS = {
  event: 32 * 1024, // one event, serialized
  batch: 500 * 1024, // one batch request body
  body: 2 * 1024 * 1024, // any request body (413 above this)
} as const

const EVENT_TYPES = ['track', 'page', 'identify', 'group', 'alias', 'screen'] as const

/** Path (after /v1/) -> what it accepts. */
const TRACKING_ROUTES: Record<string, { kind: 'single'; type: string } | { kind: 'batch' } | { kind: 'ignore' }> = {
  t: { kind: 'single', type: 'track' },
  p: { kind: 'single', type: 'page' },
  i: { kind: 'single', type: 'identify' },
  g: { kind: 'single', type: 'group' },
  a: { kind: 'single', type: 'alias' },
  s: { kind: 'single', type: 'screen' },
  b: { kind: 'batch' },
  track: { kind: 'single', type: 'track' },
  page: { kind: 'single', type: 'page' },
  identify: { kind: 'single', type: 'identify' },
  group: { kind: 'single', type: 'group' },
  alias: { kind: 'single', type: 'alias' },
  screen: { kind: 'single', type: 'screen' },
  batch: { kind: 'batch' },
  import: { kind: 'batch' },
  m: { kind: 'ignore' }, // analytics-next's own client metrics: accepted, not stored
}

const SSE_PING_MS = 15_000
const DEFAULT_WAIT_MS = 10_000

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

export async function startCollector(options: CollectorOptions = {}): Promise<Collector> {
  const port = options.port ?? 8787
  const host = options.host ?? '127.0.0.1'
  const writeKeys = new Set(options.writeKeys ?? ['demo-write-key'])
  const ndjsonPath = options.ndjsonPath ? path.resolve(options.ndjsonPath) : null
  const log = options.log ? (line: string) => console.log(`[collector] ${line}`) : () => {}
  const windowMs = options.identifyWindowMs ?? IDENTIFY_WINDOW_MS

  if (ndjsonPath) fs.mkdirSync(path.dirname(ndjsonPath), { recursive: true })

  const stored: StoredEvent[] = []
  // The plan's verdict on each stored event, by its index in `stored`.
  const verdicts: Verdict[] = []
  let referee = createReferee(windowMs)
  const timers = new Set<NodeJS.Timeout>()
  // Like Segment's API, an event is stored once per messageId: a retry of a delivered event is a duplicate.
  const seen = new Set<string>()
  let duplicates = 0
  let faults: Faults | null = null
  const listeners = new Set<(e: StoredEvent) => void>()
  const waiters = new Set<{ check: () => void; cancel: () => void }>()
  const streams = new Set<ServerResponse>()
  let closed = false

  // ---------------------------------------------------------------- store

  function snapshot(): StoredEvent[] {
    return stored.map((e) => structuredClone(e))
  }

  const judgedAt = (i: number): JudgedEvent => {
    const { valid, violations, pending } = verdicts[i]!
    return { ...stored[i]!, valid, violations, pending }
  }
  const judgedAll = (): JudgedEvent[] => stored.map((_, i) => judgedAt(i))

  /** Records verdicts; a later one of an event already streamed goes out as `event: verdict`. */
  function judge(changes: Verdict[], streamed: (index: number) => boolean): void {
    for (const v of changes) {
      verdicts[v.index] = v
      if (!v.valid && !v.pending) log(`bad ${describe(stored[v.index]!)}: ${v.violations.map((x) => x.message).join('; ')}`)
      if (streamed(v.index)) {
        const line = `event: verdict\ndata: ${JSON.stringify(v)}\n\n`
        for (const res of streams) res.write(line)
      }
      if (v.pending) {
        // Settles the Identify when its window has passed without its Track.
        const timer = setTimeout(() => {
          timers.delete(timer)
          judge(referee.expire(Date.now()), () => true)
        }, windowMs + 1)
        timer.unref()
        timers.add(timer)
      }
    }
  }

  function accept(all: StoredEvent[]): void {
    const events = all.filter((e) => {
      if (typeof e.messageId !== 'string') return true
      if (seen.has(e.messageId)) return void duplicates++
      seen.add(e.messageId)
      return true
    })
    if (ndjsonPath) fs.appendFileSync(ndjsonPath, events.map((e) => JSON.stringify(e) + '\n').join(''))
    for (const event of events) {
      const index = stored.push(event) - 1
      judge(referee.add(event, Date.parse(event.receivedAt)), (i) => i !== index)
      const line = `data: ${JSON.stringify(judgedAt(index))}\n\n`
      for (const res of streams) res.write(line)
      for (const listener of [...listeners]) {
        try {
          listener(structuredClone(event))
        } catch (err) {
          console.error('[collector] onEvent listener threw:', err)
        }
      }
      for (const waiter of [...waiters]) waiter.check()
    }
  }

  function reset(): void {
    stored.length = 0
    verdicts.length = 0
    referee = createReferee(windowMs)
    for (const timer of timers) clearTimeout(timer)
    timers.clear()
    seen.clear()
    duplicates = 0
    for (const res of streams) res.write('event: reset\ndata: {}\n\n')
  }

  // ---------------------------------------------------------------- HTTP

  function cors(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin
    res.setHeader('Access-Control-Allow-Origin', origin ?? '*')
    res.setHeader('Access-Control-Allow-Credentials', 'true')
    res.setHeader('Vary', 'Origin')
    // analytics-next reads Retry-After on a 429: a cross-origin script only sees it when exposed.
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After')
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.headersSent) {
      res.end()
      return
    }
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    res.writeHead(status, {
      'Content-Type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Length': Buffer.byteLength(text),
      ...headers,
    })
    res.end(text)
  }

  async function handleTracking(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    const spec = TRACKING_ROUTES[route]
    const where = `${req.method} ${req.url}`
    if (!spec) return send(res, 404, { success: false, message: `unknown endpoint /v1/${route}` })
    if (req.method !== 'POST') return send(res, 405, { success: false, message: 'use POST' }, { Allow: 'POST, OPTIONS' })
    try {
      const text = decode(req, await readBody(req, LIMITS.body))
      if (spec.kind === 'ignore') return send(res, 200, { success: true })
      if (faults?.delayMs) {
        await new Promise((resolve) => setTimeout(resolve, faults?.delayMs))
        if (res.destroyed || req.socket.destroyed) return log(`--- ${where} abandoned by the client during the delay`)
      }
      if (faults?.status) {
        const { status, retryAfter } = faults
        if (faults.count !== undefined && --faults.count <= 0) faults = faults.delayMs ? { delayMs: faults.delayMs } : null
        log(`${status} ${where} (injected fault)`)
        return send(res, status, { success: false, message: 'injected fault' }, retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) })
      }
      if (spec.kind === 'batch' && Buffer.byteLength(text) > LIMITS.batch) {
        throw new HttpError(400, `batch body is ${Buffer.byteLength(text)} bytes, over the ${LIMITS.batch / 1024} KB limit`)
      }
      const body = parseJson(text)

      let items: Json[]
      let defaultType: string | undefined
      if (spec.kind === 'batch') {
        if (!Array.isArray(body.batch)) throw new HttpError(400, 'body.batch must be an array')
        items = body.batch.map((item, i) => {
          if (!isObject(item)) throw new HttpError(400, `batch[${i}] is not an object`)
          return item
        })
      } else {
        items = [body]
        defaultType = spec.type
      }

      const writeKey = writeKeyOf(req, body, items)
      if (!writeKey || !writeKeys.has(writeKey)) {
        log(`401 ${where} invalid write key${writeKey ? ` "${writeKey}"` : ' (none)'}`)
        return send(res, 401, { success: false, message: 'invalid write key' })
      }

      const receivedAt = new Date().toISOString()
      const events = items.map((item, i): StoredEvent => {
        const label = spec.kind === 'batch' ? `batch[${i}]` : 'event'
        const bytes = Buffer.byteLength(JSON.stringify(item))
        if (bytes > LIMITS.event) {
          throw new HttpError(400, `${label} is ${bytes} bytes, over the ${LIMITS.event / 1024} KB limit per event`)
        }
        const type = typeof item.type === 'string' && item.type !== '' ? item.type : defaultType
        if (!type || !(EVENT_TYPES as readonly string[]).includes(type)) {
          throw new HttpError(400, `${label} has ${type ? `an unknown type "${type}"` : 'no type'}`)
        }
        const event: StoredEvent = { ...item, type, writeKey, receivedAt }
        if (spec.kind === 'batch') {
          if (event.context === undefined && body.context !== undefined) event.context = body.context
          if (event.integrations === undefined && body.integrations !== undefined) event.integrations = body.integrations
        }
        return event
      })

      accept(events)
      log(`200 ${where} ${events.length} event${events.length === 1 ? '' : 's'}: ${events.map(describe).join(', ')}`)
      send(res, 200, { success: true })
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 500
      const message = err instanceof Error ? err.message : String(err)
      log(`${status} ${where} ${message}`)
      send(res, status, { success: false, message }, status === 413 ? { Connection: 'close' } : {})
    }
  }

  function handleSettings(req: IncomingMessage, res: ServerResponse, writeKey: string): void {
    if (!writeKeys.has(writeKey)) return send(res, 404, { success: false, message: `no project for write key "${writeKey}"` })
    const apiHost = `${validHost(req.headers.host) ?? hostPort}/v1`
    send(res, 200, {
      integrations: {
        'Segment.io': {
          apiKey: writeKey,
          apiHost,
          protocol: 'http',
          unbundledIntegrations: [],
          addBundledMetadata: true,
          maybeBundledConfigIds: {},
          versionSettings: { version: '4.4.7', componentTypes: ['browser'] },
        },
      },
      plan: {
        track: { __default: { enabled: true, integrations: {} } },
        identify: { __default: { enabled: true } },
        group: { __default: { enabled: true } },
      },
      edgeFunction: {},
      analyticsNextEnabled: true,
      middlewareSettings: {},
      enabledMiddleware: {},
      metrics: { sampleRate: 0 },
      legacyVideoPluginsEnabled: false,
      remotePlugins: [],
    })
  }

  async function handleFaults(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (method === 'DELETE') {
      faults = null
      return send(res, 200, { success: true })
    }
    if (method !== 'POST') return send(res, 405, { success: false, message: 'use POST or DELETE' }, { Allow: 'POST, DELETE, OPTIONS' })
    const body = parseJson(decode(req, await readBody(req, 64 * 1024)))
    const number = (key: string) => (typeof body[key] === 'number' && Number.isFinite(body[key]) ? (body[key] as number) : undefined)
    const refuseMs = number('refuseMs')
    faults = { status: number('status'), retryAfter: number('retryAfter'), count: number('count'), delayMs: number('delayMs') }
    log(`faults set: ${JSON.stringify(body)}`)
    send(res, 200, { success: true })
    if (refuseMs) void refuseConnections(refuseMs)
  }

  async function refuseConnections(ms: number): Promise<void> {
    log(`refusing connections for ${ms} ms`)
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
    await new Promise((resolve) => setTimeout(resolve, ms))
    if (closed) return
    await new Promise<void>((resolve) => server.listen(address.port, host, resolve))
    log('accepting connections again')
  }

  function handleStream(req: IncomingMessage, res: ServerResponse): void {
    req.socket.setTimeout(0)
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    // Replay what is stored, then tell the client the replay is over (`event: ready`), then live events.
    res.write(': connected\n\n' + judgedAll().map((e) => `data: ${JSON.stringify(e)}\n\n`).join(''))
    res.write(`event: ready\ndata: ${JSON.stringify({ count: stored.length })}\n\n`)
    streams.add(res)
    res.on('close', () => streams.delete(res))
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    cors(req, res)
    const url = new URL(req.url ?? '/', 'http://collector.invalid')
    const pathname = url.pathname.replace(/\/+$/, '') || '/'
    const method = req.method ?? 'GET'

    if (method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Content-Type, Authorization, X-Retry-Count',
        'Access-Control-Max-Age': '600',
        ...(req.headers['access-control-request-private-network'] ? { 'Access-Control-Allow-Private-Network': 'true' } : {}),
      })
      return void res.end()
    }

    const settings = /^\/v1\/projects\/([^/]+)\/settings$/.exec(pathname)
    if (settings) {
      if (method !== 'GET' && method !== 'HEAD') return send(res, 405, { success: false, message: 'use GET' }, { Allow: 'GET, OPTIONS' })
      return handleSettings(req, res, safeDecode(settings[1] ?? ''))
    }
    if (pathname.startsWith('/v1/')) return handleTracking(req, res, pathname.slice(4))

    if (pathname === '/events') {
      if (method === 'GET' || method === 'HEAD') return send(res, 200, filterEvents(judgedAll(), url.searchParams))
      if (method === 'DELETE') {
        reset()
        log('events reset')
        return send(res, 200, { success: true })
      }
      return send(res, 405, { success: false, message: 'use GET or DELETE' }, { Allow: 'GET, DELETE, OPTIONS' })
    }
    if (pathname === '/events/summary' && (method === 'GET' || method === 'HEAD')) return send(res, 200, summarize(judgedAll()))
    if (pathname === '/events/stream' && method === 'GET') return handleStream(req, res)
    if (pathname === '/admin/faults') return handleFaults(req, res, method)
    if (pathname === '/health' && (method === 'GET' || method === 'HEAD')) return send(res, 200, 'ok')
    if (pathname === '/' && method === 'GET') return send(res, 200, usage(url0))
    send(res, 404, { success: false, message: `not found: ${method} ${pathname}` })
  }

  const server = http.createServer((req, res) => {
    req.on('error', () => {}) // aborted uploads etc.: the response side handles it
    handle(req, res).catch((err: unknown) => {
      console.error('[collector] internal error:', err)
      try {
        send(res, 500, { success: false, message: 'internal error' })
      } catch {
        res.destroy()
      }
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.on('error', (err) => console.error('[collector] server error:', err))

  const address = server.address() as AddressInfo
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  const hostPort = `${shownHost}:${address.port}`
  const url0 = `http://${hostPort}`

  const ping = setInterval(() => {
    for (const res of streams) res.write(': ping\n\n')
  }, SSE_PING_MS)
  ping.unref()

  let closing: Promise<void> | undefined

  return {
    url: url0,
    apiHost: `${url0}/v1`,
    events: snapshot,
    judged: () => structuredClone(judgedAll()),
    summary: () => summarize(judgedAll()),
    reset,
    duplicates: () => duplicates,
    setFaults(next) {
      faults = next && { ...next }
    },
    refuseConnections,
    onEvent(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    waitFor(predicate, timeoutMs = DEFAULT_WAIT_MS) {
      return new Promise<StoredEvent[]>((resolve, reject) => {
        let lastError: unknown
        const holds = (events: StoredEvent[]): boolean => {
          try {
            return predicate(events)
          } catch (err) {
            lastError = err // e.g. reading events[3] before it arrived: not yet
            return false
          }
        }
        const first = snapshot()
        if (holds(first)) return resolve(first)
        if (closed) return reject(new Error('waitFor: the collector is closed'))
        const waiter = {
          check(): void {
            const events = snapshot()
            if (holds(events)) {
              done()
              resolve(events)
            }
          },
          cancel(): void {
            done()
            reject(new Error(`waitFor: the collector was closed before the predicate held; ${listEvents(stored)}`))
          },
        }
        const done = (): void => {
          clearTimeout(timer)
          waiters.delete(waiter)
        }
        const timer = setTimeout(() => {
          done()
          const why = lastError instanceof Error ? `\n(the predicate last threw: ${lastError.message})` : ''
          reject(new Error(`waitFor timed out after ${timeoutMs} ms; ${listEvents(stored)}${why}`))
        }, timeoutMs)
        waiters.add(waiter)
      })
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        closed = true
        clearInterval(ping)
        for (const timer of timers) clearTimeout(timer)
        for (const waiter of [...waiters]) waiter.cancel()
        for (const res of streams) res.end()
        streams.clear()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    },
  }
}

// ------------------------------------------------------------------ helpers

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = (): HttpError => new HttpError(413, `request body over the ${limit / 1024 / 1024} MB limit`)
    let settled = false
    let size = 0
    const chunks: Buffer[] = []
    const fail = (err: Error): void => {
      if (settled) return
      settled = true
      chunks.length = 0
      reject(err)
    }
    // Keep draining after a 413 so the client can read the response, but not forever.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (settled) {
        if (size > limit * 8) req.destroy()
        return
      }
      if (size > limit) return fail(tooLarge())
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (settled) return
      settled = true
      resolve(Buffer.concat(chunks))
    })
    req.on('error', fail)
    req.on('close', () => fail(new HttpError(400, 'request aborted')))
    if (Number(req.headers['content-length']) > limit) fail(tooLarge())
  })
}

function decode(req: IncomingMessage, raw: Buffer): string {
  const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase()
  const opts = { maxOutputLength: LIMITS.body }
  try {
    switch (encoding) {
      case '':
      case 'identity':
        return raw.toString('utf8')
      case 'gzip':
      case 'x-gzip':
        return zlib.gunzipSync(raw, opts).toString('utf8')
      case 'deflate':
        return zlib.inflateSync(raw, opts).toString('utf8')
      case 'br':
        return zlib.brotliDecompressSync(raw, opts).toString('utf8')
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new HttpError(413, `decompressed body over the ${LIMITS.body / 1024 / 1024} MB limit`)
    }
    throw new HttpError(400, `invalid ${encoding} body: ${(err as Error).message}`)
  }
  throw new HttpError(415, `unsupported Content-Encoding "${encoding}"`)
}

function parseJson(text: string): Json {
  if (text.trim() === '') throw new HttpError(400, 'empty body')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw new HttpError(400, `invalid JSON: ${(err as Error).message}`)
  }
  if (!isObject(value)) throw new HttpError(400, 'the body must be a JSON object')
  return value
}

function writeKeyOf(req: IncomingMessage, body: Json, items: Json[]): string | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  if (match?.[1]) {
    const decoded = Buffer.from(match[1], 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    return colon >= 0 ? decoded.slice(0, colon) : decoded
  }
  if (typeof body.writeKey === 'string') return body.writeKey
  const fromItem = items[0]?.writeKey
  return typeof fromItem === 'string' ? fromItem : undefined
}

function validHost(host: string | undefined): string | undefined {
  return host && /^[\w.-]+(:\d+)?$|^\[[\da-f:.]+\](:\d+)?$/i.test(host) ? host : undefined
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** `?type=track&event=Product%20Clicked&properties.list_id=x`: every parameter must equal the field (dotted paths allowed). */
function filterEvents(events: JudgedEvent[], query: URLSearchParams): JudgedEvent[] {
  const filters = [...query.entries()]
  if (filters.length === 0) return events
  return events.filter((e) =>
    filters.every(([key, want]) => {
      let value: unknown = e
      for (const part of key.split('.')) value = isObject(value) ? value[part] : undefined
      return value !== undefined && (typeof value === 'object' ? JSON.stringify(value) : String(value)) === want
    }),
  )
}

function describe(e: StoredEvent): string {
  if (e.type === 'track') return `track "${String(e.event)}"`
  if (e.type === 'page' || e.type === 'screen') return e.name ? `${e.type} "${String(e.name)}"` : e.type
  if (e.type === 'identify' || e.type === 'alias') return `${e.type} ${String(e.userId ?? e.anonymousId ?? '')}`.trim()
  if (e.type === 'group') return `group ${String(e.groupId ?? '')}`.trim()
  return e.type
}

function listEvents(events: StoredEvent[]): string {
  if (events.length === 0) return 'no events received so far.'
  const lines = events.map((e, i) => {
    const data = e.properties ?? e.traits
    const json = data === undefined ? '' : ' ' + JSON.stringify(data)
    return `  ${i + 1}. ${describe(e)}${json.length > 200 ? json.slice(0, 199) + '…' : json}`
  })
  return `${events.length} event${events.length === 1 ? '' : 's'} received so far:\n${lines.join('\n')}`
}

function usage(url: string): string {
  return [
    `Segment-compatible collector at ${url}`,
    '',
    `POST ${url}/v1/{t,p,i,g,a,s,b}             tracking API (analytics-next)`,
    `POST ${url}/v1/{track,page,identify,group,alias,screen,batch,import}`,
    `GET  ${url}/v1/projects/:writeKey/settings  CDN settings (data-cdn-url=${url})`,
    `GET  ${url}/events[?type=track&event=…]     stored events (JSON), each with valid and violations`,
    `GET  ${url}/events?valid=false              the events that break the tracking plan`,
    `GET  ${url}/events/summary                  good and bad events per event name and type`,
    `DEL  ${url}/events                          forget all events`,
    `GET  ${url}/events/stream                   Server-Sent Events`,
    `GET  ${url}/health`,
    `POST ${url}/admin/faults {status,retryAfter,count,delayMs,refuseMs}   inject faults; DELETE clears`,
    '',
  ].join('\n')
}
