/**
 * Replaces analytics-next's batched dispatcher for the Segment.io plugin. The tag delivers with the `standard`
 * strategy (delivery.ts), so the batched one is loaded, lazily, only if something configures batching.
 */
import type batch from 'analytics-next:plugins/segmentio/batched-dispatcher'

export default function lazyBatch(...args: Parameters<typeof batch>): ReturnType<typeof batch> {
  const real = import('analytics-next:plugins/segmentio/batched-dispatcher').then((module) => module.default(...args))
  return { dispatch: (...call) => real.then((dispatcher) => dispatcher.dispatch(...call)) }
}
