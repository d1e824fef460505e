/**
 * Bytes the tag costs a visitor, gzipped: the loader script itself, and everything that loads before the
 * first event (the loader, the core chunk and the chunks it imports statically, per the core build's manifest).
 * `npm run build` prints them; the budget test (scripts/sizes.test.ts) holds them.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

interface ManifestChunk {
  file: string
  name?: string
  isEntry?: boolean
  imports?: string[]
}

export interface Sizes {
  /** dist/academy-analytics.js, gzipped. */
  loader: number
  /** Everything fetched before the first event, gzipped file by file as a server sends them. */
  beforeFirstEvent: number
  files: Array<{ file: string; gzip: number }>
}

const gzipped = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length

export function measure(dist = 'dist'): Sizes {
  const manifest: Record<string, ManifestChunk> = JSON.parse(readFileSync(join(dist, '.vite/core-manifest.json'), 'utf8'))
  // The core entry: the other entries (the Ada chat adapter) load only on pages that need them.
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry && chunk.name === 'core')
  if (!entry) throw new Error(`no core entry in ${dist}/.vite/core-manifest.json: run the build first`)
  const keys = new Set<string>()
  const visit = (key: string) => {
    if (keys.has(key)) return
    keys.add(key)
    manifest[key]?.imports?.forEach(visit)
  }
  visit(entry[0])
  const files = ['academy-analytics.js', ...[...keys].map((key) => manifest[key]!.file)].map((file) => ({
    file,
    gzip: gzipped(join(dist, file)),
  }))
  return { loader: files[0]!.gzip, beforeFirstEvent: files.reduce((sum, f) => sum + f.gzip, 0), files }
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = measure()
  console.log(`\nacademy-analytics.js (the script tag): ${kb(sizes.loader)} gzipped`)
  console.log(`everything loaded before the first event: ${kb(sizes.beforeFirstEvent)} gzipped in ${sizes.files.length} files`)
  for (const { file, gzip } of sizes.files) console.log(`  ${kb(gzip).padStart(9)}  ${file}`)
}
