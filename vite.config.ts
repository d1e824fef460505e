import { readFileSync } from 'node:fs'
import { defineConfig, type Plugin } from 'vite'

/**
 * Two builds, in order: the core (ES modules: our validation and delivery plus analytics-next, split into
 * chunks that import each other by relative URL), then the loader, a classic script that knows the core's
 * hashed file name and imports it relative to its own URL. So `dist/` can be served from any path, and a
 * cached loader always loads the core it was built with.
 */
const CORE_MANIFEST = '.vite/core-manifest.json'

/** `virtual:core-file`: the core build's hashed entry file name, read from its manifest. */
const provideCoreFile: Plugin = {
  name: 'academy:provide-core-file',
  applyToEnvironment: (environment) => environment.name === 'loader',
  resolveId: (id) => (id === 'virtual:core-file' ? '\0virtual:core-file' : undefined),
  load(id) {
    if (id !== '\0virtual:core-file') return undefined
    const manifest: Record<string, { file: string; isEntry?: boolean }> = JSON.parse(readFileSync(`dist/${CORE_MANIFEST}`, 'utf8'))
    const entry = Object.values(manifest).find((chunk) => chunk.isEntry)
    if (!entry) throw new Error('the core build has no entry chunk')
    return `export default ${JSON.stringify(entry.file)}`
  },
}

export default defineConfig({
  publicDir: false,
  plugins: [provideCoreFile],
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
          input: { 'academy-analytics-core': 'src/browser/core.ts' },
          preserveEntrySignatures: 'exports-only',
          output: { format: 'es', entryFileNames: '[name]-[hash].js', chunkFileNames: 'chunks/[name]-[hash].js' },
        },
      },
    },
    loader: {
      consumer: 'client',
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        rollupOptions: {
          input: 'src/browser/index.ts',
          output: { format: 'iife', entryFileNames: 'academy-analytics.js' },
        },
      },
    },
  },
})
