// @vitest-environment happy-dom
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import shim from './js-cookie'

// The module it replaces, as analytics-next imports it (js-cookie's ES build; the package ships no types).
const original = 'js-cookie'
const real: typeof shim = (await import(/* @vite-ignore */ original)).default

/** document.cookie played by a string: what a call writes, and what a read sees. */
let header = ''
beforeEach(() => {
  Object.defineProperty(document, 'cookie', { configurable: true, get: () => header, set: () => undefined })
  vi.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-03T10:00:00Z'))
})
afterEach(() => vi.restoreAllMocks())

// Names and values with everything js-cookie encodes or keeps: unicode, separators, quotes, percent signs.
const text = fc.oneof(fc.string({ unit: fc.constantFrom(...'%;,= "()[]{}<>@:/?\\|^`~+#$&!*\'\tazAZ09'), maxLength: 16 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string())
const attributes = fc.record(
  {
    expires: fc.oneof(fc.integer({ min: -1, max: 730 }), fc.double({ min: -1, max: 730, noNaN: true })),
    domain: fc.oneof(fc.constant(undefined), fc.domain(), text),
    path: fc.oneof(fc.constant('/'), text),
    secure: fc.oneof(fc.boolean(), fc.constant(undefined)),
    sameSite: fc.constantFrom('Lax', 'Strict', 'None', undefined),
  },
  { requiredKeys: [] },
)

describe('the lean js-cookie', () => {
  it('writes what js-cookie writes: set and remove, any name, value and attributes', () => {
    fc.assert(
      fc.property(text, text, attributes, (name, value, attrs) => {
        expect(shim.set(name, value, { ...attrs })).toBe(real.set(name, value, { ...attrs }))
        let removed = ''
        Object.defineProperty(document, 'cookie', { configurable: true, get: () => header, set: (v: string) => (removed = v) })
        shim.remove(name, { ...attrs })
        const ours = removed
        real.remove(name, { ...attrs })
        expect(ours).toBe(removed)
      }),
      { numRuns: 2000 },
    )
  })

  // One difference, not exercised: js-cookie reads into a plain object, so a name such as `constructor` or `valueOf`
  // finds Object.prototype's member; analytics-next only reads its own names (ajs_*, _ga, its domain probe).
  it('reads what js-cookie reads: the first cookie of the name, from any header (malformed escapes included)', () => {
    const pair = fc.tuple(fc.oneof(text, fc.constantFrom('ajs_anonymous_id', 'ajs_user_id', '%E0%A4%A', '_ga')), fc.oneof(text, fc.constantFrom('"%22abc%22"', '%E0%A4%A', 'a=b=c', '')))
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 6 }), fc.oneof(text, fc.constantFrom('ajs_anonymous_id', '_ga')), (pairs, asked) => {
        header = pairs.map(([name, value]) => `${name}=${value}`).join('; ')
        for (const name of [asked, ...pairs.map(([n]) => n)].filter((n) => !(n in {}))) expect(shim.get(name)).toBe(real.get(name))
      }),
      { numRuns: 2000 },
    )
  })
})
