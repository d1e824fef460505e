// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { arrayFrom, isNative } from './builtins'

/** MooTools 1.5.2's Array.from, as it ships: an array-like is sliced, anything else (a Set) wrapped. */
function mooToolsArrayFrom(item: unknown): unknown[] {
  if (item == null) return []
  const enumerable = typeof (item as { length?: unknown }).length === 'number' && typeof item !== 'string'
  return enumerable ? (Array.isArray(item) ? item : Array.prototype.slice.call(item)) : [item]
}

describe('builtins', () => {
  it("tells the browser's own functions from a page's", () => {
    expect(isNative(Math.max)).toBe(true)
    expect(isNative(Math.max.bind(Math))).toBe(true)
    expect(isNative(() => 1)).toBe(false)
    expect(isNative(function fetch() {})).toBe(false)
    expect(isNative('function () { [native code] }')).toBe(false)
  })

  describe('with MooTools as Array.from', () => {
    const original = Array.from
    afterEach(() => void (Array.from = original))

    it('arrayFrom copies a Set (the replaced one would wrap it)', () => {
      Array.from = mooToolsArrayFrom as typeof Array.from
      const set = new Set(['a', 'b'])
      expect(Array.from(set)).toEqual([set])
      expect(arrayFrom(set)).toEqual(['a', 'b'])
    })
  })
})

describe('lean fetch with a polyfill in window.fetch and no own fetch to be had', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('sends a tracking request by sendBeacon, without the headers that would need a preflight; other requests go to the page fetch', async () => {
    const polyfill = vi.fn(async () => new Response('{}'))
    const sendBeacon = vi.fn(() => true)
    vi.stubGlobal('fetch', polyfill)
    vi.stubGlobal('navigator', { sendBeacon })
    // No frame to take a fetch from (a document being torn down).
    vi.spyOn(document.documentElement, 'appendChild').mockImplementation(() => {
      throw new DOMException('gone', 'InvalidStateError')
    })
    const { fetch } = await import('./lean/fetch')
    const body = JSON.stringify({ event: 'Promotion Clicked', writeKey: 'k' })
    const response = await fetch('http://collector/v1/t', { method: 'post', keepalive: true, body, headers: { 'Content-Type': 'text/plain', Authorization: 'Basic x' } })
    expect(response.status).toBeLessThan(400)
    expect(sendBeacon).toHaveBeenCalledWith('http://collector/v1/t', body)
    expect(polyfill).not.toHaveBeenCalled()
    await fetch('http://cdn/v1/projects/k/settings')
    expect(polyfill).toHaveBeenCalledWith('http://cdn/v1/projects/k/settings', undefined)
  })
})
