/**
 * How the core build makes analytics-next small without changing what it does (docs/performance.md):
 *
 * 1. Compiled from source. @segment/analytics-next, -core and -generic-utils ship their TypeScript source beside
 *    an ES5 build made for IE11 (tslib's generators for every async function, classes as functions). The core is
 *    an ES module loaded with import(), so every browser that runs it has async functions and classes: compiling
 *    the same source for those browsers is about 4 KB (gzipped) smaller. The source was written for
 *    `useDefineForClassFields: false` (target ES5), so class fields keep those semantics here.
 * 2. Lean modules. A few modules are replaced, where the way to the first event imports them, by the shims in
 *    src/browser/lean/, each of which says why it behaves the same: native fetch for `unfetch`, a plain copy for
 *    @segment/facade's `json()`, the remote loader (action destinations) loaded only when settings name one, and
 *    the batched dispatcher loaded only if batching is configured (the tag sends with the standard strategy), and
 *    no reports of the SDK about itself (remote metrics).
 * 3. One chunk (`oneInitialChunk` below) and no preload helper (`preloadHelper` below).
 * 4. Its `Array.from` calls (on Sets) go to src/browser/builtins.ts: MooTools, on many old store pages, replaces
 *    `Array.from` with one that returns `[theSet]`, which would corrupt the retry queue on pagehide.
 */
import { fileURLToPath } from 'node:url'
import { transformWithOxc, type Plugin } from 'vite'

const modules = fileURLToPath(new URL('../node_modules/@segment/', import.meta.url))
const lean = fileURLToPath(new URL('../src/browser/lean/', import.meta.url))
const builtins = fileURLToPath(new URL('../src/browser/builtins.ts', import.meta.url))
const SOURCE = /[\\/]node_modules[\\/]@segment[\\/](analytics-next|analytics-core|analytics-generic-utils)[\\/]src[\\/]/
const PACKAGES: Record<string, string> = {
  '@segment/analytics-next': `${lean}analytics-next.ts`,
  '@segment/analytics-core': `${modules}analytics-core/src/index.ts`,
  '@segment/analytics-generic-utils': `${modules}analytics-generic-utils/src/index.ts`,
}

/** Replaced modules of analytics-next (paths in its src/): the shim, and the only importer it replaces it for (if any). */
const SHIMS: Record<string, { shim: string; importer?: string }> = {
  'lib/fetch.ts': { shim: 'fetch.ts' },
  'lib/to-facade.ts': { shim: 'to-facade.ts', importer: 'plugins/segmentio/index.ts' },
  'plugins/remote-loader/index.ts': { shim: 'remote-loader.ts', importer: 'browser/index.ts' },
  'plugins/segmentio/batched-dispatcher.ts': { shim: 'batched-dispatcher.ts', importer: 'plugins/segmentio/index.ts' },
  'core/stats/remote-metrics.ts': { shim: 'remote-metrics.ts' },
}

const inNext = (id: string) => id.split(/[\\/]node_modules[\\/]@segment[\\/]analytics-next[\\/]src[\\/]/)[1]?.replaceAll('\\', '/')

export function analyticsNextFromSource(): Plugin {
  return {
    name: 'academy:analytics-next-from-source',
    enforce: 'pre',
    applyToEnvironment: (environment) => environment.name === 'core',
    async resolveId(source, importer) {
      if (PACKAGES[source]) return PACKAGES[source]
      // `analytics-next:<path>`: a module of the package's source (src/browser/lean/analytics-next-source.d.ts).
      if (source.startsWith('analytics-next:')) return this.resolve(`${modules}analytics-next/src/${source.slice(15)}`, importer, { skipSelf: true })
      if (!importer || !SOURCE.test(importer)) return undefined
      const resolved = await this.resolve(source, importer, { skipSelf: true })
      const shim = resolved && SHIMS[inNext(resolved.id) ?? '']
      if (!shim || (shim.importer && shim.importer !== inNext(importer))) return resolved
      return `${lean}${shim.shim}`
    },
    async transform(code, id) {
      if (!SOURCE.test(id) || !id.endsWith('.ts')) return undefined
      // On the first line, so that the other lines keep their numbers.
      if (code.includes('Array.from(')) code = `import { arrayFrom as __arrayFrom } from ${JSON.stringify(builtins)};` + code.replaceAll('Array.from(', '__arrayFrom(')
      const result = await transformWithOxc(code, id, {
        lang: 'ts',
        // `useDefineForClassFields: false`: fields without an initializer are dropped, the others assigned.
        typescript: { removeClassFieldsWithoutInitializer: true },
        assumptions: { setPublicClassFields: true },
      })
      return { code: result.code, map: result.map, moduleType: 'js' }
    },
  }
}

/**
 * Vite wraps each dynamic import in a helper that first preloads the imported chunk's CSS and dependencies
 * (`build.modulePreload: false` only empties the list; the helper and its wrapper stay). The core has no CSS and
 * its chunks import each other by relative URL, so the helper is replaced by a plain call of the import.
 */
export function preloadHelper(): Plugin {
  const id = '\0vite/preload-helper.js'
  return {
    name: 'academy:no-preload-helper',
    enforce: 'pre',
    applyToEnvironment: (environment) => environment.name === 'core',
    resolveId: (source) => (source === id ? id : undefined),
    load: (source) => (source === id ? 'export const __vitePreload = (load) => load()' : undefined),
  }
}

/**
 * Everything the entry imports statically, in the entry's own chunk: one request after the loader, and one gzip
 * stream, which compresses better than the same code in ten chunks. The genuinely lazy parts of analytics-next
 * (device-mode destinations, remote middleware, routing, schema filter, query string, auto-track, video plugins)
 * stay in chunks of their own, imported only when the settings or a call need them. Another entry (a lazily
 * loaded adapter) keeps its own chunk: the group holds the static graph of `entry` only. The lazily loaded chunks
 * import what they share with the core from the entry's chunk, hence `preserveEntrySignatures: 'allow-extension'`
 * in vite.config.ts (the entry chunk may export more than the entry module does).
 */
export function oneInitialChunk(entry: string): Plugin {
  const path = fileURLToPath(new URL(`../${entry}`, import.meta.url))
  const graph = new Set<string>()
  return {
    name: 'academy:one-initial-chunk',
    applyToEnvironment: (environment) => environment.name === 'core',
    buildEnd() {
      graph.clear()
      const visit = (id: string) => {
        if (graph.has(id)) return
        graph.add(id)
        this.getModuleInfo(id)?.importedIds.forEach(visit)
      }
      visit(path)
    },
    outputOptions: (options) => ({ ...options, codeSplitting: { groups: [{ name: 'core', test: (id: string) => graph.has(id) }] } }),
  }
}
