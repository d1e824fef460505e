/**
 * `analytics-next:<path>`: a module of @segment/analytics-next compiled from the package's TypeScript source
 * (`src/<path>`, see scripts/lean-core.ts). The type checker reads the package's published declarations instead,
 * so it never type-checks the package's source under this project's stricter options.
 */
declare module 'analytics-next:plugins/remote-loader' {
  export * from '@segment/analytics-next/dist/types/plugins/remote-loader'
}
declare module 'analytics-next:plugins/segmentio/batched-dispatcher' {
  export { default } from '@segment/analytics-next/dist/types/plugins/segmentio/batched-dispatcher'
}
declare module 'analytics-next:core/stats/remote-metrics' {
  export * from '@segment/analytics-next/dist/types/core/stats/remote-metrics'
}
// The re-exports of analytics-next.ts: their types are the package's public ones, which core.ts imports by name.
declare module 'analytics-next:*'
