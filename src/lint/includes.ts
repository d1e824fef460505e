/**
 * A JSP page as it is served: its static includes in place, so that the placement rules see the whole page (most
 * store pages get their `<body>` from `<%@ include file="../common/IncludeTop.jsp" %>`). Followed: the include
 * directive (also as `<jsp:directive.include>`) and `<jsp:include page="…">` with a literal page, relative to the including file or, for a path that
 * starts with `/`, to the web root. Every stretch of the page remembers the file and offset it comes from, so a
 * problem is reported in the file that holds the attribute, at its own line.
 */
import { dirname, join } from 'node:path'
import { maskJsp } from './jsp'

export interface Sources {
  /** The file's text, or undefined when there is no such file. */
  read(file: string): string | undefined
  /** The folder that `/…` includes start from (the WAR's root, as `src/main/webapp`). */
  webRoot?: string
}

/** An include that could not be followed, in the file that holds it. */
export interface IncludeNote {
  file: string
  index: number
  message: string
  /** Notes with the same key are one finding (a cycle, met from each of its files). */
  key: string
}

export interface Page {
  /** The page's text, JSP constructs masked (jsp.ts), included files in place. */
  text: string
  /** Where the page's text at index `at` and on comes from, in order of `at`. */
  pieces: Array<{ at: number; file: string; from: number }>
  notes: IncludeNote[]
}

const DIRECTIVE = /<%@\s*include\s+file\s*=\s*(["'])(.*?)\1[^]*?%>/y
/** `<jsp:include page="…">` and, in XML syntax, `<jsp:directive.include file="…"/>`. */
const ACTION = /<jsp:(?:include|directive\.include)\b(?:[^>"']|"[^"]*"|'[^']*')*>/y
const PATH_ATTRIBUTE = /\s(?:page|file)\s*=\s*(["'])(.*?)\1/

/**
 * The includes of a JSP file: where each ends (its content goes there) and the path it names. Only those that start
 * a JSP construct of their own (`masked` has its `${` there): one inside a JSP comment is not served.
 */
function includesOf(source: string, masked: string): Array<{ start: number; end: number; path: string }> {
  const found: Array<{ start: number; end: number; path: string }> = []
  for (const { index: start } of source.matchAll(/<%@|<jsp:(?:include|directive\.include)\b/g)) {
    if (masked[start] !== '$') continue
    const pattern = source[start + 1] === '%' ? DIRECTIVE : ACTION
    pattern.lastIndex = start
    const match = pattern.exec(source)
    const path = match && (pattern === DIRECTIVE ? match[2] : PATH_ATTRIBUTE.exec(match[0])?.[2])
    if (match && typeof path === 'string') found.push({ start, end: start + match[0].length, path })
  }
  return found
}

const isDynamic = (path: string) => /\$\{|#\{|<%/.test(path)

export function assemble(file: string, sources: Sources): Page {
  const page: Page = { text: '', pieces: [], notes: [] }
  const add = (text: string, from: string, offset: number) => {
    if (!text) return
    page.pieces.push({ at: page.text.length, file: from, from: offset })
    page.text += text
  }
  const expand = (current: string, source: string, stack: string[]) => {
    const masked = maskJsp(source)
    let copied = 0
    for (const { start, end, path } of includesOf(source, masked)) {
      // A page named by an expression is only known when the page is served.
      if (isDynamic(path) || !path.trim()) continue
      const note = (message: string, key = `${current}:${start}`) => page.notes.push({ file: current, index: start, message, key })
      const target = path.startsWith('/') ? sources.webRoot !== undefined && join(sources.webRoot, path) : join(dirname(current), path)
      if (!target) {
        note(`${path} is included from the web root; give --web-root <folder> to check the page with it`)
        continue
      }
      add(masked.slice(copied, end), current, copied)
      copied = end
      const cycle = stack.indexOf(target)
      if (cycle >= 0) {
        const files = [...stack.slice(cycle), target]
        note(`include cycle: ${files.join(' → ')}; not followed again`, `cycle:${[...new Set(files)].sort().join('|')}`)
        continue
      }
      const included = sources.read(target)
      if (included === undefined) note(`included file ${path} not found (${target}); the page is checked without it`)
      else expand(target, included, [...stack, target])
    }
    add(masked.slice(copied), current, copied)
  }
  const source = sources.read(file)
  if (source !== undefined) expand(file, source, [file])
  return page
}

/** The file and offset in it of the page's text at `index`. */
export function origin(page: Page, index: number): { file: string; index: number } {
  let low = 0
  let high = page.pieces.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (page.pieces[middle]!.at <= index) low = middle
    else high = middle - 1
  }
  const piece = page.pieces[low]
  return piece ? { file: piece.file, index: piece.from + index - piece.at } : { file: '', index }
}
