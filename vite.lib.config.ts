import { defineConfig } from 'vite'

/**
 * The Node half of the package, built to lib/ (dist/ is the tag, deployed to static hosting): the attribute
 * linter's command line (bin/academy-analytics.mjs runs lib/cli.js) and the test helper (`academy-analytics/testing`).
 * Plain JavaScript, so they run with plain Node; dependencies stay imports.
 */
export default defineConfig({
  publicDir: false,
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'lib',
    emptyOutDir: true,
    rollupOptions: {
      input: { cli: 'src/lint/cli.ts', testing: 'src/testing/index.ts' },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
})
