import { readFileSync } from 'node:fs'
import { defineConfig, type Plugin } from 'vite'
import { analyticsNextFromSource, oneInitialChunk, preloadHelper } from './scripts/lean-core'

/**
 * Two builds, in order: the core (ES modules: our validation and delivery plus analytics-next, made lean by
 * scripts/lean-core.ts: one chunk up to the first event, lazily loaded chunks beside it, importing each other by
 * relative URL), then the loader, a classic script that knows the core's
 * hashed file name and imports it relative to its own URL. So `dist/` can be served from any path, and a
 * cached loader always loads the core it was built with.
 */
const CORE_MANIFEST = '.vite/core-manifest.json'

/** `virtual:entries`: the hashed file name of each lazily loaded entry (`export const core = '…'`), from the manifest. */
const provideEntries: Plugin = {
  name: 'academy:provide-entries',
  applyToEnvironment: (environment) => environment.name === 'loader',
  resolveId: (id) => (id === 'virtual:entries' ? '\0virtual:entries' : undefined),
  load(id) {
    if (id !== '\0virtual:entries') return undefined
    const manifest: Record<string, { file: string; name: string; isEntry?: boolean }> = JSON.parse(readFileSync(`dist/${CORE_MANIFEST}`, 'utf8'))
    return Object.values(manifest)
      .filter((chunk) => chunk.isEntry)
      .map((chunk) => `export const ${chunk.name} = ${JSON.stringify(chunk.file)}`)
      .join('\n')
  },
}

export default defineConfig({
  publicDir: false,
  plugins: [provideEntries, analyticsNextFromSource(), oneInitialChunk('src/browser/core.ts'), preloadHelper()],
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.core!)
      await builder.build(builder.environments.loader!)
    },
  },
  environments: {
    core: {
      consumer: 'client',
      build: {
        outDir: 'dist',
        emptyOutDir: true,
        manifest: CORE_MANIFEST,
        modulePreload: false,
        rollupOptions: {
          // Lazily loaded entries, each a file the loader imports by URL: `virtual:entries` exports their names.
          input: { core: 'src/browser/core.ts', watchers: 'src/browser/watchers.ts', ada: 'src/browser/ada.ts', views: 'src/browser/views.ts' },
          // A lazily loaded chunk (the debug overlay) imports what it shares with the core from the core itself;
          // a strict signature would move the core behind a facade file, one more request on every page.
          preserveEntrySignatures: 'allow-extension',
          output: { format: 'es', entryFileNames: 'academy-analytics-[name]-[hash].js', chunkFileNames: 'chunks/[name]-[hash].js' },
        },
      },
    },
    loader: {
      consumer: 'client',
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        // Every visitor downloads this file before anything else: terser's compression (five passes) makes it about 2% smaller
        // than the default minifier's, the core's build time is not worth that.
        minify: 'terser',
        terserOptions: { ecma: 2020, compress: { passes: 5, unsafe_arrows: true, pure_getters: true, hoist_funs: true } },
        rollupOptions: {
          input: 'src/browser/index.ts',
          output: { format: 'iife', entryFileNames: 'academy-analytics.js' },
        },
      },
    },
  },
})
