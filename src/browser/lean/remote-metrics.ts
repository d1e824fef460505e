/**
 * Replaces analytics-next's core/stats/remote-metrics (its own usage metrics, sent to `<apiHost>/m`) where Stats
 * creates it. With `sampleRate: 0` (the tag's settings without `data-remote-settings`) the real one never sends;
 * otherwise it is loaded lazily and gets the counts made while it loads.
 */
import type { MetricsOptions, RemoteMetrics as Real } from 'analytics-next:core/stats/remote-metrics'

export type { MetricsOptions }

export class RemoteMetrics {
  private real?: Real
  private early: Array<[string, string[]]> | undefined = []

  constructor(options?: MetricsOptions) {
    if (options?.sampleRate === 0) {
      this.early = undefined
      return
    }
    import('analytics-next:core/stats/remote-metrics')
      .then(({ RemoteMetrics }) => {
        const real = new RemoteMetrics(options)
        for (const [metric, tags] of this.early ?? []) real.increment(metric, tags)
        this.early = undefined
        this.real = real
      })
      .catch(() => (this.early = undefined))
  }

  increment(metric: string, tags: string[]): void {
    if (this.real) this.real.increment(metric, tags)
    else this.early?.push([metric, tags])
  }
}
