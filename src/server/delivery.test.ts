import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { HTTPClientRequest, HTTPResponse } from '@segment/analytics-node'
import { RETRIES, orderedDelivery } from './delivery'

type Answer = number | Error | HTTPResponse

/** A transport that answers from a script (then 200), recording each attempt as `<body>` or `<body> retry <n>`. */
function scripted(...answers: Answer[]) {
  const attempts: string[] = []
  return {
    attempts,
    async makeRequest(request: HTTPClientRequest): Promise<HTTPResponse> {
      const retry = request.headers['X-Retry-Count']
      attempts.push(retry ? `${request.body} retry ${retry}` : request.body)
      const answer = answers.shift() ?? 200
      if (answer instanceof Error) throw answer
      return typeof answer === 'number' ? { status: answer, statusText: answer === 200 ? 'OK' : 'Nope' } : answer
    },
  }
}

const request = (body: string): HTTPClientRequest => ({
  url: 'http://collector.test/v1/batch',
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body,
  httpRequestTimeout: 10_000,
})

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('orderedDelivery', () => {
  it('sends one batch at a time: the next waits until the one before is delivered, retries included', async () => {
    const transport = scripted(503, 200, 200)
    const delivery = orderedDelivery(transport)
    const first = delivery.makeRequest(request('A'))
    const second = delivery.makeRequest(request('B'))
    await vi.advanceTimersByTimeAsync(0)
    expect(transport.attempts).toEqual(['A']) // B has not left while A waits to retry
    await vi.advanceTimersByTimeAsync(750) // the first backoff: 0.5 s, plus at most half of it
    expect(transport.attempts).toEqual(['A', 'A retry 1', 'B'])
    await expect(first).resolves.toMatchObject({ status: 200 })
    await expect(second).resolves.toMatchObject({ status: 200 })
  })

  it('retries network errors and the statuses analytics-node retries, with a growing backoff', async () => {
    const transport = scripted(new Error('ECONNREFUSED'), 500, 502, 504, 408, 429, 460)
    const delivery = orderedDelivery(transport)
    const sent = delivery.makeRequest(request('A'))
    let waited = 0
    const times: number[] = []
    while (transport.attempts.length < 8) {
      const before = transport.attempts.length
      while (transport.attempts.length === before) {
        await vi.advanceTimersByTimeAsync(50)
        waited += 50
      }
      times.push(waited)
    }
    await expect(sent).resolves.toMatchObject({ status: 200 })
    expect(transport.attempts).toEqual(['A', ...[1, 2, 3, 4, 5, 6, 7].map((n) => `A retry ${n}`)])
    // Each wait is 0.5 s doubled each time, plus up to half of it: 0.5, 1, 2, 4... seconds. An attempt is seen at
    // the first 50 ms step after it: a wait measured between two of them is off by less than a step either way.
    const waits = times.map((t, i) => t - (times[i - 1] ?? 0))
    waits.slice(1).forEach((wait, i) => {
      expect(wait).toBeGreaterThanOrEqual(500 * 2 ** i - 50)
      expect(wait).toBeLessThanOrEqual(750 * 2 ** i + 50)
    })
  })

  it('honours Retry-After (in seconds) instead of the backoff', async () => {
    const headers = new Headers({ 'Retry-After': '3' })
    const transport = scripted({ status: 429, statusText: 'Too Many Requests', headers }, { status: 503, statusText: 'Unavailable', headers: { 'retry-after': '2' } })
    const delivery = orderedDelivery(transport)
    const sent = delivery.makeRequest(request('A'))
    await vi.advanceTimersByTimeAsync(2_990)
    expect(transport.attempts).toEqual(['A'])
    await vi.advanceTimersByTimeAsync(10)
    expect(transport.attempts).toEqual(['A', 'A retry 1'])
    await vi.advanceTimersByTimeAsync(1_990)
    expect(transport.attempts).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(10)
    expect(transport.attempts).toEqual(['A', 'A retry 1', 'A retry 2'])
    await expect(sent).resolves.toMatchObject({ status: 200 })
  })

  it.each([400, 401, 403, 404, 413, 501])('does not retry %i: that batch fails at once and the next one goes', async (status) => {
    const transport = scripted(status)
    const delivery = orderedDelivery(transport)
    const first = delivery.makeRequest(request('A'))
    const second = delivery.makeRequest(request('B'))
    await expect(first).rejects.toThrow(`HTTP ${status} Nope from http://collector.test/v1/batch; not retried`)
    await expect(second).resolves.toMatchObject({ status: 200 })
    expect(transport.attempts).toEqual(['A', 'B'])
  })

  it(`gives up after ${RETRIES} retries (about four minutes), then sends the next batch`, async () => {
    const transport = scripted(...Array<number>(RETRIES + 1).fill(503))
    const delivery = orderedDelivery(transport)
    const first = delivery.makeRequest(request('A'))
    const failed = expect(first).rejects.toThrow(`HTTP 503 Nope from http://collector.test/v1/batch; gave up after ${RETRIES + 1} attempts`)
    const second = delivery.makeRequest(request('B'))
    await vi.advanceTimersByTimeAsync(3 * 60_000)
    expect(transport.attempts.length).toBeLessThan(RETRIES + 1) // still trying after three minutes
    await vi.advanceTimersByTimeAsync(3 * 60_000)
    await failed
    await expect(second).resolves.toMatchObject({ status: 200 })
    expect(transport.attempts.at(-2)).toBe(`A retry ${RETRIES}`)
    expect(transport.attempts.at(-1)).toBe('B')
  })

  it('names the cause of a network error, which fetch keeps out of its message', async () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8787'), { code: 'ECONNREFUSED' }) })
    const delivery = orderedDelivery(scripted(refused))
    const sent = delivery.makeRequest(request('A'))
    await vi.advanceTimersByTimeAsync(0)
    delivery.stop()
    await expect(sent).rejects.toThrow('fetch failed (ECONNREFUSED) from http://collector.test/v1/batch; not retried: closing')
  })

  it('stop(): a batch waiting to retry fails at once, so closing never hangs', async () => {
    const transport = scripted(503)
    const delivery = orderedDelivery(transport)
    const first = delivery.makeRequest(request('A'))
    await vi.advanceTimersByTimeAsync(0)
    delivery.stop()
    await expect(first).rejects.toThrow('HTTP 503 Nope from http://collector.test/v1/batch; not retried: closing')
    expect(transport.attempts).toEqual(['A'])
  })
})
