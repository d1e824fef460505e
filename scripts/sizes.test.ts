import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { BUDGETS, gzipped, measure, overBudget } from './sizes'

/**
 * A dist/ as the build writes it: the loader, a core entry importing a chunk (which imports another), one lazy
 * chunk, and another lazily loaded entry (an adapter the loader imports only on some pages).
 */
const roots: string[] = []
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true })))

function fakeDist(bytes: { loader: number; core: number }): string {
  const root = mkdtempSync(join(tmpdir(), 'sizes-'))
  roots.push(root)
  const dist = join(root, 'dist')
  mkdirSync(join(dist, '.vite'), { recursive: true })
  mkdirSync(join(dist, 'chunks'))
  // Random bytes do not compress: gzipped, each file is a little over its length.
  const files = {
    'academy-analytics.js': bytes.loader,
    'academy-analytics-core-1.js': bytes.core,
    'chunks/shared-1.js': 100,
    'chunks/util-1.js': 50,
    'chunks/lazy-1.js': 5_000,
    'academy-analytics-adapter-1.js': 3_000,
    'academy-analytics-watchers-1.js': 1_000,
    'chunks/later-1.js': 200,
  }
  for (const [file, length] of Object.entries(files)) writeFileSync(join(dist, file), randomBytes(length))
  const manifest = {
    'src/browser/adapter.ts': { file: 'academy-analytics-adapter-1.js', name: 'adapter', isEntry: true, imports: ['_util'] },
    'src/browser/watchers.ts': { file: 'academy-analytics-watchers-1.js', name: 'watchers', isEntry: true, imports: ['_util', '_later'], dynamicImports: ['src/browser/adapter.ts'] },
    _later: { file: 'chunks/later-1.js' },
    'src/browser/core.ts': { file: 'academy-analytics-core-1.js', name: 'core', isEntry: true, imports: ['_shared'], dynamicImports: ['lazy.ts'] },
    _shared: { file: 'chunks/shared-1.js', imports: ['_util'] },
    _util: { file: 'chunks/util-1.js', imports: ['_shared'] },
    'lazy.ts': { file: 'chunks/lazy-1.js', isDynamicEntry: true, imports: ['_util'] },
  }
  writeFileSync(join(dist, '.vite/core-manifest.json'), JSON.stringify(manifest))
  return root
}

describe('sizes', () => {
  it('counts the loader alone before the first event; the core and the watchers with every chunk they import statically after it, not the lazy ones nor other entries', () => {
    const dist = join(fakeDist({ loader: 1_000, core: 2_000 }), 'dist')
    const sizes = measure(dist)
    expect(sizes.files.map((f) => f.file)).toEqual(['academy-analytics.js'])
    expect(sizes.loader).toBe(sizes.files[0]!.gzip)
    expect(sizes.loader).toBeGreaterThan(1_000)
    expect(sizes.beforeFirstEvent).toBe(sizes.loader)
    expect(sizes.core.map((f) => f.file)).toEqual(['academy-analytics-core-1.js', 'chunks/shared-1.js', 'chunks/util-1.js'])
    // What the core already brought is not counted again.
    expect(sizes.watchers.map((f) => f.file)).toEqual(['academy-analytics-watchers-1.js', 'chunks/later-1.js'])
  })

  it('names each budget exceeded, with the numbers', () => {
    const within = { loader: BUDGETS.loader, beforeFirstEvent: BUDGETS.beforeFirstEvent, files: [], core: [], watchers: [] }
    expect(overBudget(within)).toEqual([])
    expect(overBudget({ ...within, loader: 5_121 })).toEqual([
      'academy-analytics.js is 5.12 KB gzipped (5121 bytes), over its budget of 5.00 KB by 121 bytes',
    ])
    expect(overBudget({ ...within, beforeFirstEvent: 6_500 })).toEqual([
      'everything loaded before the first event is 6.50 KB gzipped (6500 bytes), over its budget of 6.00 KB by 500 bytes',
    ])
  })

  it('gzips as the budgets assume (level 9)', () => {
    const text = 'analytics '.repeat(1_000)
    expect(gzipped(text)).toBeLessThan(100)
  })

  it('`npm run build` fails, printing the numbers, when a build grows past a budget', async () => {
    const run = promisify(execFile)
    const script = join(import.meta.dirname, 'sizes.ts')
    const tsx = join(import.meta.dirname, '../node_modules/.bin/tsx')
    const within = fakeDist({ loader: 4_000, core: 25_000 })
    await expect(run(tsx, [script], { cwd: within })).resolves.toMatchObject({ stdout: expect.stringContaining('before the first event') })
    const over = fakeDist({ loader: 5_300, core: 15_000 })
    const failed = await run(tsx, [script], { cwd: over }).catch((error: { code: number; stderr: string }) => error)
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringMatching(/OVER BUDGET: academy-analytics\.js is 5\.3\d KB gzipped \(\d+ bytes\), over its budget of 5\.00 KB by \d+ bytes/) })
  }, 30_000)
})
