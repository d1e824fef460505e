import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  heading.trim().toLowerCase().replace(/`/g, '').replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-')

function anchorsIn(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '')
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchorOf(m[1]!)))
}

/** Every relative Markdown link of a page, outside code: `[text](target)`. */
function linksIn(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '')
  return [...text.matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((target) => !/^[a-z]+:/i.test(target))
}

describe('the README and docs/', () => {
  it('link only to files and headings that exist', () => {
    const broken = pages.flatMap((page) =>
      linksIn(page).flatMap((target) => {
        const [path, anchor] = target.split('#') as [string, string | undefined]
        const file = path === '' ? join(root, page) : join(root, dirname(page), path)
        if (!existsSync(file)) return [`${page}: ${target} (no file ${relative(root, file)})`]
        if (anchor && file.endsWith('.md') && !anchorsIn(file).has(anchor)) return [`${page}: ${target} (no heading #${anchor})`]
        return []
      }),
    )
    expect(broken).toEqual([])
  })

  it('are all reached from the README', () => {
    const linked = new Set(linksIn('README.md').map((target) => target.split('#')[0]))
    expect(pages.filter((page) => page !== 'README.md' && !linked.has(page))).toEqual([])
  })

  it('are read: the README links to several pages, and a heading anchor is found', () => {
    expect(linksIn('README.md').length).toBeGreaterThan(5)
    expect(anchorsIn(join(root, 'docs/tools.md')).has('debug-overlay')).toBe(true)
  })
})
