import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { SegmentEvent } from '@segment/analytics-next'
import { toFacade } from './to-facade'

// The module it replaces, as analytics-next's own ES build ships it (with @segment/facade behind it).
const original = '@segment/analytics-next/dist/pkg/lib/to-facade.js'
const real: typeof import('@segment/analytics-next/dist/types/lib/to-facade') = await import(/* @vite-ignore */ original)

const json = fc.jsonValue({ maxDepth: 3 })
const event = fc.record(
  {
    type: fc.constantFrom('track', 'page', 'identify', 'group', 'alias', 'screen'),
    event: fc.string(),
    name: fc.string(),
    // Strings shaped like ISO dates too: @segment/facade turns those into Dates in its own (discarded) copy.
    properties: fc.dictionary(fc.string(), fc.oneof(json, fc.date({ noInvalidDate: true }).map((d) => d.toISOString()))),
    traits: fc.dictionary(fc.string(), json),
    context: fc.record({ page: fc.dictionary(fc.string(), fc.string()), library: fc.record({ name: fc.string(), version: fc.string() }) }),
    integrations: fc.dictionary(fc.string(), fc.boolean()),
    options: fc.dictionary(fc.string(), json),
    timestamp: fc.date({ noInvalidDate: true }),
    messageId: fc.uuid(),
    userId: fc.option(fc.string()),
    anonymousId: fc.string(),
    previousId: fc.string(),
    groupId: fc.string(),
  },
  { requiredKeys: ['type'] },
) as fc.Arbitrary<SegmentEvent>

describe("the Segment.io plugin's toFacade(event).json()", () => {
  it("is @segment/facade's: the same copy of any event", () => {
    fc.assert(
      fc.property(event, (e) => {
        expect(toFacade(e).json()).toStrictEqual(real.toFacade(e).json())
      }),
    )
  })

  it('copies plain objects and arrays, so the plugin can change its copy; Dates are shared, as in facade', () => {
    const e = { type: 'track', event: 'E', properties: { list: [{ a: 1 }] }, timestamp: new Date(0) } as SegmentEvent
    const before = structuredClone(e)
    const copy = toFacade(e).json()
    delete copy.properties
    ;(copy as Record<string, unknown>).event = 'changed'
    expect(e).toEqual(before)
    expect(toFacade(e).json().properties!.list).not.toBe(e.properties!.list)
    expect(toFacade(e).json().timestamp).toBe(e.timestamp)
  })
})
