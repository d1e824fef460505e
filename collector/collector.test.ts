import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { Analytics } from '@segment/analytics-node'
import { LIMITS, startCollector, type Collector, type StoredEvent } from './collector.ts'

const KEY = 'demo-write-key'
const basic = (key: string): string => 'Basic ' + Buffer.from(key + ':').toString('base64')
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

let c: Collector

interface PostOptions {
  key?: string | null // null: no Authorization header
  contentType?: string
  headers?: Record<string, string>
  gzip?: boolean
}

async function post(route: string, body: unknown, opts: PostOptions = {}): Promise<{ status: number; json: unknown; res: Response }> {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const headers: Record<string, string> = { 'Content-Type': opts.contentType ?? 'text/plain', ...opts.headers }
  const key = opts.key === undefined ? KEY : opts.key
  if (key !== null) headers.Authorization = basic(key)
  if (opts.gzip) headers['Content-Encoding'] = 'gzip'
  const res = await fetch(c.url + route, { method: 'POST', headers, body: opts.gzip ? gzipSync(text) : text })
  const raw = await res.text()
  let json: unknown = raw
  try {
    json = JSON.parse(raw)
  } catch {}
  return { status: res.status, json, res }
}

/** Stored events with the server-set receivedAt checked and removed, for exact comparison. */
function storedWithoutReceivedAt(): Array<Record<string, unknown>> {
  return c.events().map(({ receivedAt, ...rest }) => {
    expect(receivedAt).toMatch(ISO)
    return rest
  })
}

/** An event whose serialized JSON is exactly `bytes` long. */
function eventOfSize(bytes: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const base = { type: 'track', event: 'Big', anonymousId: 'a-1', ...extra, properties: { blob: '' } }
  const pad = bytes - Buffer.byteLength(JSON.stringify(base))
  return { ...base, properties: { blob: 'x'.repeat(pad) } }
}

beforeAll(async () => {
  c = await startCollector({ port: 0, writeKeys: [KEY, 'second-key'] })
})
afterAll(async () => {
  await c.close()
})
beforeEach(() => {
  c.reset()
})

describe('startCollector', () => {
  it('listens on a free port and reports its URLs', () => {
    expect(c.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(c.url).not.toBe('http://127.0.0.1:0')
    expect(c.apiHost).toBe(c.url + '/v1')
  })

  it('answers /health', async () => {
    const res = await fetch(c.url + '/health')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('ok')
  })

  it('rejects with EADDRINUSE when the port is taken', async () => {
    const port = Number(new URL(c.url).port)
    await expect(startCollector({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' })
  })
})

describe('single-event endpoints', () => {
  const short = { t: 'track', p: 'page', i: 'identify', g: 'group', a: 'alias', s: 'screen' } as const
  const long = ['track', 'page', 'identify', 'group', 'alias', 'screen'] as const

  it('takes the type from the short path when the body lacks it', async () => {
    for (const [p, type] of Object.entries(short)) {
      const { status, json } = await post(`/v1/${p}`, { messageId: `m-${p}`, anonymousId: 'anon-1' })
      expect(status, `/v1/${p}`).toBe(200)
      expect(json).toEqual({ success: true })
      expect(c.events().at(-1)).toMatchObject({ type, messageId: `m-${p}` })
    }
    expect(storedWithoutReceivedAt()).toEqual(
      Object.entries(short).map(([p, type]) => ({ messageId: `m-${p}`, anonymousId: 'anon-1', type, writeKey: KEY })),
    )
  })

  it('accepts the long forms', async () => {
    for (const p of long) expect((await post(`/v1/${p}`, { messageId: p, userId: 'u-1' })).status).toBe(200)
    expect(storedWithoutReceivedAt()).toEqual(long.map((type) => ({ messageId: type, userId: 'u-1', type, writeKey: KEY })))
  })

  it('keeps the type given in the body', async () => {
    await post('/v1/t', { type: 'page', name: 'Home', anonymousId: 'a' })
    expect(storedWithoutReceivedAt()).toEqual([{ type: 'page', name: 'Home', anonymousId: 'a', writeKey: KEY }])
  })

  it('accepts text/plain (analytics-next) and application/json bodies, and a trailing slash', async () => {
    await post('/v1/t', { event: 'Plain', anonymousId: 'a' }, { contentType: 'text/plain;charset=UTF-8' })
    await post('/v1/track/', { event: 'Json', anonymousId: 'a' }, { contentType: 'application/json' })
    expect(c.events().map((e) => e.event)).toEqual(['Plain', 'Json'])
  })

  it('stores an analytics-next style event exactly, with receivedAt and writeKey added', async () => {
    const event = {
      timestamp: '2024-05-01T10:00:00.000Z',
      integrations: {},
      type: 'track',
      event: 'Product Clicked',
      properties: { product_id: 'P-1001', list_id: 'catalog-nursing', position: 1, price: 49.99 },
      context: { page: { path: '/catalog' }, library: { name: 'analytics.js', version: 'npm:next-1.84.3' } },
      messageId: 'ajs-next-1',
      anonymousId: 'anon-1',
      writeKey: KEY,
      sentAt: '2024-05-01T10:00:00.050Z',
      _metadata: { bundled: ['Segment.io'], unbundled: [], bundledIds: [] },
    }
    const before = Date.now()
    expect((await post('/v1/t', event)).json).toEqual({ success: true })
    const [stored] = c.events()
    expect(stored).toEqual({ ...event, receivedAt: expect.stringMatching(ISO) })
    expect(Date.parse(stored!.receivedAt)).toBeGreaterThanOrEqual(before - 5)
  })

  it('accepts a gzip-encoded body', async () => {
    const { status } = await post('/v1/t', { event: 'Zipped', anonymousId: 'a' }, { gzip: true })
    expect(status).toBe(200)
    expect(storedWithoutReceivedAt()).toEqual([{ event: 'Zipped', anonymousId: 'a', type: 'track', writeKey: KEY }])
  })

  it('answers 400 on invalid JSON, non-object bodies, empty bodies, bad gzip and unknown types, storing nothing', async () => {
    for (const [body, opts] of [
      ['{"event": ', {}],
      ['[1,2]', {}],
      ['', {}],
      ['not gzip at all', { headers: { 'Content-Encoding': 'gzip' } }],
      [{ type: 'bogus', anonymousId: 'a' }, {}],
    ] as const) {
      const { status, json } = await post('/v1/t', body, opts)
      expect(status, JSON.stringify(body)).toBe(400)
      expect(json).toMatchObject({ success: false, message: expect.any(String) })
    }
    expect((await post('/v1/t', '{oops')).json).toEqual({ success: false, message: expect.stringMatching(/^invalid JSON/) })
    expect(c.events()).toEqual([])
  })

  it('answers 404 on unknown endpoints and 405 on GET', async () => {
    expect((await post('/v1/nope', { event: 'x' })).status).toBe(404)
    expect((await fetch(c.url + '/v1/t')).status).toBe(405)
    expect((await fetch(c.url + '/nothing')).status).toBe(404)
    expect(c.events()).toEqual([])
  })

  it('accepts analytics-next metrics (/v1/m) without storing them', async () => {
    expect((await post('/v1/m', { series: [] })).status).toBe(200)
    expect(c.events()).toEqual([])
  })
})

describe('batch endpoints', () => {
  it('stores each item in order, merging batch-level context and integrations into items lacking them', async () => {
    const body = {
      batch: [
        { type: 'track', event: 'A', userId: 'u', messageId: '1' },
        { type: 'identify', userId: 'u', traits: { plan: 'pro' }, messageId: '2', context: { own: true } },
        { type: 'page', name: 'Home', anonymousId: 'x', messageId: '3', integrations: { All: false } },
      ],
      context: { library: { name: 'analytics-node' } },
      integrations: { Amplitude: true },
      sentAt: '2024-05-01T10:00:00.000Z',
    }
    expect((await post('/v1/b', body)).json).toEqual({ success: true })
    const events = c.events()
    expect(events.map((e) => e.receivedAt)).toEqual([events[0]!.receivedAt, events[0]!.receivedAt, events[0]!.receivedAt])
    expect(storedWithoutReceivedAt()).toEqual([
      { type: 'track', event: 'A', userId: 'u', messageId: '1', context: body.context, integrations: body.integrations, writeKey: KEY },
      { type: 'identify', userId: 'u', traits: { plan: 'pro' }, messageId: '2', context: { own: true }, integrations: body.integrations, writeKey: KEY },
      { type: 'page', name: 'Home', anonymousId: 'x', messageId: '3', integrations: { All: false }, context: body.context, writeKey: KEY },
    ])
  })

  it('accepts /v1/batch and /v1/import, JSON or gzip', async () => {
    await post('/v1/batch', { batch: [{ type: 'track', event: 'B1', userId: 'u' }] }, { contentType: 'application/json' })
    await post('/v1/import', { batch: [{ type: 'track', event: 'B2', userId: 'u' }] }, { gzip: true })
    expect(c.events().map((e) => e.event)).toEqual(['B1', 'B2'])
  })

  it('takes the write key from the batch body when there is no Authorization header', async () => {
    await post('/v1/b', { writeKey: 'second-key', batch: [{ type: 'track', event: 'K', userId: 'u' }] }, { key: null })
    expect(storedWithoutReceivedAt()).toEqual([{ type: 'track', event: 'K', userId: 'u', writeKey: 'second-key' }])
  })

  it('rejects a batch that is not an array, or has an item without a type, storing nothing', async () => {
    expect((await post('/v1/b', { batch: { type: 'track' } })).status).toBe(400)
    const { status, json } = await post('/v1/b', { batch: [{ type: 'track', event: 'ok', userId: 'u' }, { event: 'no type', userId: 'u' }] })
    expect(status).toBe(400)
    expect(json).toEqual({ success: false, message: 'batch[1] has no type' })
    expect(c.events()).toEqual([])
  })

  it('works with the real @segment/analytics-node client', async () => {
    const analytics = new Analytics({ writeKey: KEY, host: c.url, flushInterval: 20, maxRetries: 0 })
    analytics.track({ userId: 'u-9', event: 'Course Purchased', properties: { order_id: 'O-1', revenue: 49.99 } })
    analytics.identify({ userId: 'u-9', traits: { email: 'nurse@example.com' } })
    await analytics.closeAndFlush()
    const common = {
      timestamp: expect.stringMatching(ISO),
      integrations: {},
      context: { library: { name: '@segment/analytics-node', version: expect.any(String) } },
      messageId: expect.any(String),
      _metadata: { nodeVersion: process.version, jsRuntime: 'node' },
      writeKey: KEY,
      receivedAt: expect.stringMatching(ISO),
    }
    expect(c.events()).toEqual([
      { ...common, type: 'track', event: 'Course Purchased', userId: 'u-9', properties: { order_id: 'O-1', revenue: 49.99 } },
      { ...common, type: 'identify', userId: 'u-9', traits: { email: 'nurse@example.com' } },
    ])
  })
})

describe('write keys', () => {
  it('401s an unknown or missing write key and stores nothing', async () => {
    const wrong = await post('/v1/t', { event: 'X', anonymousId: 'a' }, { key: 'wrong-key' })
    expect(wrong.status).toBe(401)
    expect(wrong.json).toEqual({ success: false, message: 'invalid write key' })
    expect((await post('/v1/t', { event: 'X', anonymousId: 'a' }, { key: null })).status).toBe(401)
    expect((await post('/v1/b', { batch: [{ type: 'track', event: 'X', userId: 'u' }] }, { key: 'nope' })).status).toBe(401)
    expect((await post('/v1/b', { writeKey: 'nope', batch: [{ type: 'track', event: 'X', userId: 'u' }] }, { key: null })).status).toBe(401)
    expect(c.events()).toEqual([])
  })

  it('uses the Authorization header over the body, and the event body key without a header', async () => {
    expect((await post('/v1/t', { event: 'X', anonymousId: 'a', writeKey: KEY }, { key: 'wrong-key' })).status).toBe(401)
    await post('/v1/t', { event: 'Y', anonymousId: 'a', writeKey: 'second-key' }, { key: null })
    await post('/v1/t', { event: 'Z', anonymousId: 'a', writeKey: 'stale' }, { key: 'second-key' })
    expect(c.events().map((e) => [e.event, e.writeKey])).toEqual([
      ['Y', 'second-key'],
      ['Z', 'second-key'],
    ])
  })
})

describe('size limits', () => {
  it('accepts an event of exactly 32 KB and rejects one byte more, storing nothing', async () => {
    const ok = eventOfSize(LIMITS.event)
    expect(Buffer.byteLength(JSON.stringify(ok))).toBe(32 * 1024)
    expect((await post('/v1/t', ok)).status).toBe(200)
    c.reset()
    const tooBig = eventOfSize(LIMITS.event + 1)
    const { status, json } = await post('/v1/t', tooBig)
    expect(status).toBe(400)
    expect(json).toEqual({ success: false, message: `event is ${LIMITS.event + 1} bytes, over the 32 KB limit per event` })
    expect(c.events()).toEqual([])
  })

  it('measures multi-byte characters in bytes', async () => {
    const event = { type: 'track', event: 'Unicode', anonymousId: 'a', properties: { s: 'é'.repeat(17_000) } } // ~34 KB, 17k chars
    expect((await post('/v1/t', event)).status).toBe(400)
    expect(c.events()).toEqual([])
  })

  it('rejects a whole batch holding one event over 32 KB', async () => {
    const batch = [{ type: 'track', event: 'small', userId: 'u' }, eventOfSize(LIMITS.event + 1)]
    const { status, json } = await post('/v1/b', { batch })
    expect(status).toBe(400)
    expect(json).toEqual({ success: false, message: expect.stringMatching(/^batch\[1\] is 32769 bytes/) })
    expect(c.events()).toEqual([])
  })

  it('rejects a batch body over 500 KB, storing nothing', async () => {
    const batch = Array.from({ length: 17 }, (_, i) => eventOfSize(30 * 1024, { messageId: String(i) }))
    const body = JSON.stringify({ batch })
    expect(Buffer.byteLength(body)).toBeGreaterThan(500 * 1024)
    const { status, json } = await post('/v1/b', body)
    expect(status).toBe(400)
    expect(json).toMatchObject({ success: false, message: expect.stringMatching(/over the 500 KB limit/) })
    expect(c.events()).toEqual([])
    // and the same batch minus one item fits
    expect((await post('/v1/b', { batch: batch.slice(1) })).status).toBe(200)
    expect(c.events()).toHaveLength(16)
  })

  it('cuts bodies over 2 MB off with 413', async () => {
    const { status, json } = await post('/v1/b', 'x'.repeat(LIMITS.body + 1))
    expect(status).toBe(413)
    expect(json).toMatchObject({ success: false })
    const bomb = gzipSync(JSON.stringify({ batch: [], pad: 'x'.repeat(3 * 1024 * 1024) }))
    const res = await fetch(c.url + '/v1/b', { method: 'POST', headers: { Authorization: basic(KEY), 'Content-Encoding': 'gzip' }, body: bomb })
    expect(res.status).toBe(413)
    // the server is still fine
    expect((await post('/v1/t', { event: 'after', anonymousId: 'a' })).status).toBe(200)
  })
})

describe('CORS', () => {
  it('answers the preflight with the requested headers', async () => {
    const res = await fetch(c.url + '/v1/b', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:8080',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,x-retry-count',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080')
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(res.headers.get('vary')).toBe('Origin')
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, DELETE, OPTIONS')
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type,x-retry-count')
    expect(res.headers.get('access-control-max-age')).toBe('600')
  })

  it('defaults Allow-Headers and Allow-Origin without request headers', async () => {
    const res = await fetch(c.url + '/v1/t', { method: 'OPTIONS' })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-headers')).toBe('Content-Type, Authorization, X-Retry-Count')
  })

  it('puts CORS headers on every response, errors included', async () => {
    const origin = { Origin: 'http://localhost:5173' }
    const ok = await post('/v1/t', { event: 'X', anonymousId: 'a' }, { headers: origin })
    const denied = await post('/v1/t', { event: 'X', anonymousId: 'a' }, { headers: origin, key: 'bad' })
    const events = await fetch(c.url + '/events', { headers: origin })
    for (const res of [ok.res, denied.res, events]) {
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
      expect(res.headers.get('access-control-allow-credentials')).toBe('true')
      expect(res.headers.get('vary')).toBe('Origin')
    }
  })
})

describe('settings endpoint', () => {
  it('serves CDN settings for a known write key', async () => {
    const res = await fetch(`${c.url}/v1/projects/${KEY}/settings`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await res.json()).toEqual({
      integrations: {
        'Segment.io': {
          apiKey: KEY,
          apiHost: `${new URL(c.url).host}/v1`,
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
  })

  it('404s an unknown write key', async () => {
    expect((await fetch(`${c.url}/v1/projects/unknown/settings`)).status).toBe(404)
  })
})

describe('read API', () => {
  it('GET /events lists events, filtered by query', async () => {
    await post('/v1/b', {
      batch: [
        { type: 'track', event: 'Product Clicked', userId: 'u', properties: { list_id: 'l1' } },
        { type: 'track', event: 'Product Viewed', userId: 'u' },
        { type: 'page', anonymousId: 'a' },
        { type: 'track', event: 'Product Clicked', userId: 'u', properties: { list_id: 'l2' } },
      ],
    })
    const get = async (q: string): Promise<StoredEvent[]> => (await fetch(c.url + '/events' + q)).json() as Promise<StoredEvent[]>
    expect(await get('')).toEqual(c.judged())
    expect(c.judged().map(({ valid, violations, pending, ...event }) => event)).toEqual(c.events())
    expect((await get('?type=track&event=Product%20Clicked')).map((e) => e.properties)).toEqual([{ list_id: 'l1' }, { list_id: 'l2' }])
    expect(await get('?type=page')).toHaveLength(1)
    expect((await get('?properties.list_id=l2')).map((e) => e.event)).toEqual(['Product Clicked'])
    expect(await get('?type=identify')).toEqual([])
  })

  it('DELETE /events forgets everything', async () => {
    await post('/v1/t', { event: 'X', anonymousId: 'a' })
    const res = await fetch(c.url + '/events', { method: 'DELETE' })
    expect(res.status).toBe(200)
    expect(c.events()).toEqual([])
    expect(await (await fetch(c.url + '/events')).json()).toEqual([])
  })

  it('events() returns a copy', async () => {
    await post('/v1/t', { event: 'X', anonymousId: 'a', properties: { n: 1 } })
    const events = c.events()
    events[0]!.properties = { n: 2 }
    events.pop()
    expect(c.events()).toHaveLength(1)
    expect(c.events()[0]!.properties).toEqual({ n: 1 })
  })
})

describe('onEvent and waitFor', () => {
  it('onEvent is called once per accepted event until unsubscribed', async () => {
    const seen: string[] = []
    const off = c.onEvent((e) => seen.push(String(e.event)))
    await post('/v1/b', { batch: [{ type: 'track', event: 'A', userId: 'u' }, { type: 'track', event: 'B', userId: 'u' }] })
    await post('/v1/t', { event: 'C', anonymousId: 'a' }, { key: 'wrong' })
    off()
    await post('/v1/t', { event: 'D', anonymousId: 'a' })
    expect(seen).toEqual(['A', 'B'])
  })

  it('waitFor resolves as soon as the predicate holds', async () => {
    const waiting = c.waitFor((events) => events.some((e) => e.event === 'Second'), 2000)
    await post('/v1/t', { event: 'First', anonymousId: 'a' })
    await post('/v1/t', { event: 'Second', anonymousId: 'a' })
    const started = Date.now()
    const events = await waiting
    expect(Date.now() - started).toBeLessThan(500)
    expect(events.map((e) => e.event)).toEqual(['First', 'Second'])
  })

  it('waitFor resolves at once when the predicate already holds, and tolerates a throwing predicate', async () => {
    await post('/v1/t', { event: 'Already', anonymousId: 'a' })
    await expect(c.waitFor((events) => events.length === 1, 50)).resolves.toHaveLength(1)
    const second = c.waitFor((events) => events[1]!.event === 'Next', 2000)
    await post('/v1/t', { event: 'Next', anonymousId: 'a' })
    expect((await second).map((e) => e.event)).toEqual(['Already', 'Next'])
  })

  it('waitFor rejects on timeout with the events received so far', async () => {
    await post('/v1/t', { event: 'Product Clicked', anonymousId: 'a', properties: { product_id: 'P-1' } })
    await post('/v1/p', { anonymousId: 'a', name: 'Catalog' })
    const started = Date.now()
    const error = await c.waitFor((events) => events.some((e) => e.event === 'Never'), 150).catch((e: unknown) => e)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toBe(
      'waitFor timed out after 150 ms; 2 events received so far:\n' +
        '  1. track "Product Clicked" {"product_id":"P-1"}\n' +
        '  2. page "Catalog"',
    )
  })

  it('waitFor says when nothing arrived', async () => {
    await expect(c.waitFor(() => false, 30)).rejects.toThrow('waitFor timed out after 30 ms; no events received so far.')
  })
})

/** Reads SSE `data:` payloads (default event) and named events from a fetch body. */
function sseReader(res: Response): { next(): Promise<{ event: string; data: string }>; cancel(): Promise<void> } {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  return {
    async next() {
      for (;;) {
        const end = buffer.indexOf('\n\n')
        if (end >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const lines = block.split('\n').filter((l) => !l.startsWith(':'))
          if (lines.length === 0) continue // comment (": connected", ": ping")
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message'
          const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n')
          return { event, data }
        }
        const { value, done } = await reader.read()
        if (done) throw new Error('stream ended')
        buffer += decoder.decode(value, { stream: true })
      }
    },
    cancel: () => reader.cancel(),
  }
}

describe('GET /events/stream', () => {
  it('replays stored events, then streams new ones and resets', async () => {
    await post('/v1/t', { event: 'Before', anonymousId: 'a' })
    const res = await fetch(c.url + '/events/stream', { headers: { Origin: 'http://127.0.0.1:8080' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080')
    const sse = sseReader(res)
    const first = await sse.next()
    expect(first.event).toBe('message')
    expect(JSON.parse(first.data)).toEqual(c.judged()[0])
    expect(await sse.next()).toEqual({ event: 'ready', data: '{"count":1}' })

    await post('/v1/b', { batch: [{ type: 'track', event: 'After 1', userId: 'u' }, { type: 'track', event: 'After 2', userId: 'u' }] })
    const a1 = await sse.next()
    const a2 = await sse.next()
    expect([JSON.parse(a1.data), JSON.parse(a2.data)]).toEqual(c.judged().slice(1))

    await fetch(c.url + '/events', { method: 'DELETE' })
    expect(await sse.next()).toEqual({ event: 'reset', data: '{}' })
    await sse.cancel()
  })

  it('streams each event with its verdict, and a later verdict of an earlier event', async () => {
    const res = await fetch(c.url + '/events/stream')
    const sse = sseReader(res)
    expect((await sse.next()).event).toBe('ready')
    await post('/v1/i', { userId: 'U-1', traits: { email: 'a@b.c', first_name: 'A' }, context: { library: { name: 'analytics-java', version: '3.5.5' } } })
    expect(JSON.parse((await sse.next()).data)).toMatchObject({ type: 'identify', valid: true, violations: [], pending: true })
    await post('/v1/t', { event: 'User Signed In', userId: 'U-1', context: { library: { name: 'analytics-java', version: '3.5.5' } } })
    const later = await sse.next()
    expect(later.event).toBe('verdict')
    expect(JSON.parse(later.data)).toEqual({
      index: 0,
      valid: false,
      pending: false,
      violations: [{ field: 'traits.first_name', rule: 'is not in the plan', message: 'User Signed In traits: "first_name" is not a property of User Signed In traits in the plan' }],
    })
    expect(JSON.parse((await sse.next()).data)).toMatchObject({ type: 'track', event: 'User Signed In', valid: true, pending: false })
    await sse.cancel()
  })

  it('is ended by close()', async () => {
    const other = await startCollector({ port: 0 })
    const res = await fetch(other.url + '/events/stream')
    const sse = sseReader(res)
    expect((await sse.next()).event).toBe('ready')
    await other.close()
    await expect(sse.next()).rejects.toThrow()
    await expect(other.waitFor(() => false, 1000)).rejects.toThrow(/closed/)
  })
})

describe('NDJSON file', () => {
  it('appends every accepted event as one JSON line, creating the folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collector-'))
    const file = path.join(dir, 'nested', 'events.ndjson')
    const other = await startCollector({ port: 0, ndjsonPath: file })
    try {
      const auth = { Authorization: basic(KEY) }
      await fetch(other.apiHost + '/b', { method: 'POST', headers: auth, body: JSON.stringify({ batch: [{ type: 'track', event: 'One', userId: 'u' }, { type: 'page', userId: 'u' }] }) })
      await fetch(other.apiHost + '/t', { method: 'POST', headers: { Authorization: basic('bad') }, body: '{"event":"Rejected"}' })
      await fetch(other.apiHost + '/t', { method: 'POST', headers: auth, body: '{"event":"Two","anonymousId":"a"}' })
      other.reset() // memory only
      const lines = fs.readFileSync(file, 'utf8').split('\n')
      expect(lines.at(-1)).toBe('')
      const parsed = lines.slice(0, -1).map((l) => JSON.parse(l) as StoredEvent)
      expect(parsed.map((e) => [e.type, e.event])).toEqual([
        ['track', 'One'],
        ['page', undefined],
        ['track', 'Two'],
      ])
      expect(parsed[2]).toEqual({ event: 'Two', anonymousId: 'a', type: 'track', writeKey: KEY, receivedAt: expect.stringMatching(ISO) })
    } finally {
      await other.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('deduplication and injected faults', () => {
  const track = (messageId: string) => ({ type: 'track', event: 'E', anonymousId: 'a', messageId })

  it('stores an event once per messageId and counts the duplicates', async () => {
    await post('/v1/t', track('m-1'))
    await post('/v1/t', track('m-1'))
    await post('/v1/b', { batch: [track('m-1'), track('m-2'), track('m-2')] })
    expect(c.events().map((e) => e.messageId)).toEqual(['m-1', 'm-2'])
    expect(c.duplicates()).toBe(3)
    c.reset()
    expect(c.duplicates()).toBe(0)
    await post('/v1/t', track('m-1'))
    expect(c.events().map((e) => e.messageId)).toEqual(['m-1'])
  })

  it('answers a status for `count` requests, storing nothing, then recovers', async () => {
    c.setFaults({ status: 503, count: 2 })
    expect((await post('/v1/t', track('f-1'))).status).toBe(503)
    expect((await post('/v1/t', track('f-1'))).status).toBe(503)
    expect((await post('/v1/t', track('f-1'))).status).toBe(200)
    expect(c.events().map((e) => e.messageId)).toEqual(['f-1'])
  })

  it('sends Retry-After with a 429, exposed to cross-origin scripts', async () => {
    c.setFaults({ status: 429, retryAfter: 2 })
    const { status, res } = await post('/v1/t', track('r-1'), { headers: { Origin: 'http://page.test' } })
    expect(status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('2')
    expect(res.headers.get('access-control-expose-headers')).toBe('Retry-After')
    c.setFaults(null)
    expect((await post('/v1/t', track('r-1'))).status).toBe(200)
  })

  it('answers late with delayMs, and stores nothing from a request abandoned meanwhile', async () => {
    c.setFaults({ delayMs: 300 })
    const started = Date.now()
    expect((await post('/v1/t', track('d-1'))).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    const abandoned = fetch(c.url + '/v1/t', {
      method: 'POST',
      headers: { Authorization: basic(KEY) },
      body: JSON.stringify(track('d-2')),
      signal: AbortSignal.timeout(100),
    })
    await expect(abandoned).rejects.toThrow()
    await new Promise((resolve) => setTimeout(resolve, 400))
    c.setFaults(null)
    expect(c.events().map((e) => e.messageId)).toEqual(['d-1'])
  })

  it('is driven over HTTP too: POST /admin/faults sets, DELETE clears', async () => {
    await fetch(c.url + '/admin/faults', { method: 'POST', body: JSON.stringify({ status: 503 }) })
    expect((await post('/v1/t', track('h-1'))).status).toBe(503)
    await fetch(c.url + '/admin/faults', { method: 'DELETE' })
    expect((await post('/v1/t', track('h-1'))).status).toBe(200)
  })

  it('refuses connections for a while, then listens again on the same port', async () => {
    const back = c.refuseConnections(300)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await expect(post('/v1/t', track('x-1'))).rejects.toThrow()
    await back
    expect((await post('/v1/t', track('x-1'))).status).toBe(200)
    expect(c.events().map((e) => e.messageId)).toEqual(['x-1'])
  })
})
