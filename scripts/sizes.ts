/**
 * Bytes the tag costs a visitor, gzipped: the loader script itself, and everything that loads before the
 * first event (the loader, the core chunk and the chunks it imports statically, per the core build's manifest).
 * `npm run build` prints them and fails when one is over its budget, so `npm test` holds them.
 * KB here are 1,000 bytes, as in the budgets (issue 5: the stock standalone.js is 31.3 KB, 31,322 bytes).
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

/**
 * Gzipped bytes: the script in the tag, and all that loads before the first event. The second was 24 KB until
 * consent (issue 13) added its gate to the loader and the consent object to the core (docs/consent.md, "Cost").
 */
export const BUDGETS = { loader: 4_000, beforeFirstEvent: 24_400 } as const

export const gzipped = (data: Buffer | string) => gzipSync(data, { level: 9 }).length

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
    gzip: gzipped(readFileSync(join(dist, file))),
  }))
  return { loader: files[0]!.gzip, beforeFirstEvent: files.reduce((sum, f) => sum + f.gzip, 0), files }
}

export const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} KB`

/** One line per budget exceeded, with the numbers; empty when the build is within its budgets. */
export function overBudget(sizes: Sizes, budgets = BUDGETS): string[] {
  const over: string[] = []
  if (sizes.loader > budgets.loader)
    over.push(`academy-analytics.js is ${kb(sizes.loader)} gzipped (${sizes.loader} bytes), over its budget of ${kb(budgets.loader)} by ${sizes.loader - budgets.loader} bytes`)
  if (sizes.beforeFirstEvent > budgets.beforeFirstEvent)
    over.push(
      `everything loaded before the first event is ${kb(sizes.beforeFirstEvent)} gzipped (${sizes.beforeFirstEvent} bytes), ` +
        `over its budget of ${kb(budgets.beforeFirstEvent)} by ${sizes.beforeFirstEvent - budgets.beforeFirstEvent} bytes`,
    )
  return over
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = measure()
  console.log(`\nacademy-analytics.js (the script tag): ${kb(sizes.loader)} gzipped (budget ${kb(BUDGETS.loader)})`)
  console.log(
    `everything loaded before the first event: ${kb(sizes.beforeFirstEvent)} gzipped in ${sizes.files.length} files (budget ${kb(BUDGETS.beforeFirstEvent)})`,
  )
  for (const { file, gzip } of sizes.files) console.log(`  ${kb(gzip).padStart(9)}  ${file}`)
  const over = overBudget(sizes)
  if (over.length) {
    for (const line of over) console.error(`OVER BUDGET: ${line}`)
    process.exitCode = 1
  }
}
