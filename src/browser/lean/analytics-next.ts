/**
 * `@segment/analytics-next` as the core build sees it: the values of the package's own index (src/index.ts),
 * compiled from its TypeScript source (scripts/lean-core.ts). That index re-exports two types as if they were
 * values (`Store`, `StorageObject`), which a compiler that sees one file at a time cannot drop; this list is the
 * same without them (and with the browser's `./node`, as the package's "browser" field maps it).
 */
export { Analytics, NullAnalytics } from 'analytics-next:core/analytics'
export { AnalyticsBrowser } from 'analytics-next:browser'
export * from 'analytics-next:node/node.browser'
export * from 'analytics-next:core/context'
export * from 'analytics-next:core/events'
export * from 'analytics-next:core/plugin'
export * from 'analytics-next:core/user'
export { getGlobalAnalytics } from 'analytics-next:lib/global-analytics-helper'
export { UniversalStorage } from 'analytics-next:core/storage'
export { segmentio } from 'analytics-next:plugins/segmentio'
export { resolveAliasArguments, resolveArguments, resolvePageArguments, resolveUserArguments } from 'analytics-next:core/arguments-resolver'
