/**
 * Replaces analytics-next's lib/to-facade for the Segment.io plugin, the one importer on the way to the first
 * event, which only calls `toFacade(event).json()`. With the `obj` that toFacade puts back (the event itself) and
 * the default `clone: true`, @segment/facade's `json()` is a copy of the event made by its `clone()` (plain objects
 * and arrays copied deeply, everything else, Dates included, shared) with `type` set to the event's own type.
 * That copy is all this module does, so @segment/facade (about 4 KB gzipped) is only loaded by the lazily loaded
 * plugins that hand middleware a real Facade (addSourceMiddleware, device-mode destinations).
 */
import type { SegmentEvent } from '@segment/analytics-next'

type Json = SegmentEvent & Record<string, unknown>

function clone(value: unknown): unknown {
  if (typeof value !== 'object') return value
  if (Object.prototype.toString.call(value) === '[object Object]') {
    const copy: Record<string, unknown> = {}
    for (const key in value) {
      if (Object.prototype.hasOwnProperty.call(value, key)) copy[key] = clone((value as Record<string, unknown>)[key])
    }
    return copy
  }
  return Array.isArray(value) ? value.map(clone) : value
}

export function toFacade(event: SegmentEvent): { json(): Json } {
  return { json: () => clone(event) as Json }
}
