/**
 * Bytes the tag costs a visitor, gzipped: the loader script itself, and everything that loads before the first
 * event, which is the loader alone: it sends the page view itself, and the core and the watchers (each entry with
 * the chunks it imports statically, per the core build's manifest) load once that has been answered.
 * `npm run build` prints them, with the core, and fails when one is over its budget, so `npm test` holds them.
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
  /** Everything fetched before the first event, gzipped file by file as a server sends them: the loader. */
  beforeFirstEvent: number
  files: Array<{ file: string; gzip: number }>
  /** The core and the chunks it imports statically, fetched once the first event has been answered. */
  core: Array<{ file: string; gzip: number }>
  /** The watchers (watchers.ts) and the chunks they import statically that the core does not, fetched with it. */
  watchers: Array<{ file: string; gzip: number }>
}

/**
 * Gzipped bytes: the script in the tag, and all that loads before the first event (the same file since the loader
 * sends the page view itself), as issue 16 set them. docs/performance.md says what the loader holds.
 */
export const BUDGETS = { loader: 5_000, beforeFirstEvent: 6_000 } as const

export const gzipped = (data: Buffer | string) => gzipSync(data, { level: 9 }).length

export function measure(dist = 'dist'): Sizes {
  const manifest: Record<string, ManifestChunk> = JSON.parse(readFileSync(join(dist, '.vite/core-manifest.json'), 'utf8'))
  // The core and the watchers: the other entries (impressions, the Ada chat adapter) load later, or only on pages
  // that need them.
  const visited = new Set<string>()
  const closure = (name: string) => {
    const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry && chunk.name === name)
    if (!entry) throw new Error(`no ${name} entry in ${dist}/.vite/core-manifest.json: run the build first`)
    const keys: string[] = []
    const visit = (key: string) => {
      if (visited.has(key)) return
      visited.add(key)
      keys.push(key)
      manifest[key]?.imports?.forEach(visit)
    }
    visit(entry[0])
    return keys.map((key) => sized(manifest[key]!.file))
  }
  const sized = (file: string) => ({ file, gzip: gzipped(readFileSync(join(dist, file))) })
  const files = [sized('academy-analytics.js')]
  return { loader: files[0]!.gzip, beforeFirstEvent: files[0]!.gzip, files, core: closure('core'), watchers: closure('watchers') }
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
    `everything loaded before the first event: ${kb(sizes.beforeFirstEvent)} gzipped in ${sizes.files.length} file${sizes.files.length === 1 ? '' : 's'} (budget ${kb(BUDGETS.beforeFirstEvent)})`,
  )
  for (const { file, gzip } of sizes.files) console.log(`  ${kb(gzip).padStart(9)}  ${file}`)
  const after = [...sizes.core, ...sizes.watchers]
  console.log(`after the first event has been answered, the core and the watchers: ${kb(after.reduce((sum, f) => sum + f.gzip, 0))} gzipped`)
  for (const { file, gzip } of after) console.log(`  ${kb(gzip).padStart(9)}  ${file}`)
  const over = overBudget(sizes)
  if (over.length) {
    for (const line of over) console.error(`OVER BUDGET: ${line}`)
    process.exitCode = 1
  }
}
