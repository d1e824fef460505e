import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/** The source's own import graph (relative imports, type-only ones too: a cycle of types is still a cycle of concerns). */
const root = import.meta.dirname
const files = (readdirSync(root, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
  .map((f) => join(root, f))

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8')
  const specifiers = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)]
  return specifiers.map((m) => resolve(dirname(file), (m[1] ?? m[2])!.replace(/\.js$/, '')) + '.ts')
}

const graph = new Map(files.map((file) => [file, importsOf(file).filter((f) => files.includes(f))]))
const name = (file: string) => relative(root, file)

describe('the source tree', () => {
  it('has no import cycle', () => {
    const cycles: string[] = []
    const done = new Set<string>()
    const visit = (file: string, path: string[]): void => {
      if (path.includes(file)) {
        cycles.push([...path.slice(path.indexOf(file)), file].map(name).join(' → '))
        return
      }
      if (done.has(file)) return
      for (const next of graph.get(file) ?? []) visit(next, [...path, file])
      done.add(file)
    }
    for (const file of files) visit(file, [])
    expect(cycles).toEqual([])
  })

  it('keeps its layers: the plan imports neither browser nor server code, the browser never imports server code', () => {
    const crossings = [...graph].flatMap(([file, imports]) =>
      imports
        .filter((target) => {
          const [from, to] = [name(file).split('/')[0], name(target).split('/')[0]]
          return (from === 'plan' && to !== 'plan') || (from === 'browser' && to === 'server')
        })
        .map((target) => `${name(file)} imports ${name(target)}`),
    )
    expect(crossings).toEqual([])
  })

  it('is read whole: every module in it is found and resolved', () => {
    expect(files.map(name)).toContain('browser/core.ts')
    expect(graph.get(join(root, 'browser/core.ts'))!.map(name)).toContain('browser/delivery.ts')
  })
})
