/**
 * Replaces analytics-next's core/stats/remote-metrics: the SDK's reports about itself (usage counters, not
 * events) to Segment's `/m` endpoint. The tag's default settings sample them at 0; with `data-remote-settings`
 * they are not sent either: the tag sends events, and nothing about the visitor's browser beyond them.
 */
import type { MetricsOptions } from 'analytics-next:core/stats/remote-metrics'

export class RemoteMetrics {
  sampleRate = 0
  constructor(_options?: MetricsOptions) {}
  increment(_metric: string, _tags: string[]): void {}
  flush(): Promise<void> {
    return Promise.resolve()
  }
}
