/**
/**
 * The attribute linter: the markup rules (src/plan/markup.ts) over every element of a JSP or HTML page as it is
 * served (its static includes in place: includes.ts), and the tag's script-tag options (script-tag.ts), with the
 * file, line and column of the attribute each problem is about.
 */
import { Parser } from 'htmlparser2'
import { checkElement, type Attributes } from '../plan/markup'
import { assemble, origin, type Page, type Sources } from './includes'
import { checkScriptTag } from './script-tag'

export interface LintProblem {
  /** 1-based */
  line: number
  /** 1-based */
  column: number
  message: string
}

export interface FileProblem extends LintProblem {
  /** The file that holds the attribute (an included one, maybe). */
  file: string
  /** An include that could not be followed: the page was checked without it. */
  warning?: true
  /** Findings with the same key are one (an include cycle, met from each of its files). */
  key?: string
}

/** The problems of one file alone: its includes are not followed. */
export function lintSource(source: string): LintProblem[] {
  return lintFile('', { read: (file) => (file === '' ? source : undefined) })
    .filter((problem) => !problem.warning)
    .map(({ line, column, message }) => ({ line, column, message }))
    .sort((a, b) => a.line - b.line || a.column - b.column)
}

/** The problems of `file` as it is served, in it and in the files it includes, and the includes not followed. */
export function lintFile(file: string, sources: Sources): FileProblem[] {
  const page = assemble(file, sources)
  const lines = new Map<string, number[]>()
  const at = (file: string, index: number) => {
    let starts = lines.get(file)
    if (!starts) {
      const text = sources.read(file) ?? ''
      starts = [0]
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
      lines.set(file, starts)
    }
    let line = starts.length - 1
    while (starts[line]! > index) line--
    return { file, line: line + 1, column: index - starts[line]! + 1 }
  }
  const problems: FileProblem[] = checkPage(page).map(({ index, message }) => {
    const source = origin(page, index)
    return { ...at(source.file, source.index), message }
  })
  for (const note of page.notes) problems.push({ ...at(note.file, note.index), message: note.message, warning: true, key: note.key })
  return problems
}

/** The markup rules over the page's elements: each problem at the index (in the page's text) of its attribute. */
function checkPage(page: Page): Array<{ index: number; message: string }> {
  const problems: Array<{ index: number; message: string }> = []
  // The open elements, outermost first.
  const open: Array<{ tag: string; attributes: Attributes }> = []
  let tagStart = 0
  let seen: Array<{ name: string; value: string; at: number }> = []
  const parser: Parser = new Parser(
    {
      onopentagname() {
        tagStart = parser.startIndex
        seen = []
      },
      onattribute(name, value) {
        seen.push({ name, value, at: parser.startIndex })
      },
      onopentag(tag) {
        // As in the browser, the first of two attributes with the same name counts.
        const attributes: Record<string, string> = {}
        for (const { name, value } of seen) if (!Object.prototype.hasOwnProperty.call(attributes, name)) attributes[name] = value
        // An element's place in the page is known inside <body>, or inside <html> out of <head> (the browser puts it in
        // the body it implies), unless a template holds it for a script to insert; a file with neither, even with its
        // includes in place, is a fragment that other pages include.
        const inPage = open.some((e) => e.tag === 'body') || (open.some((e) => e.tag === 'html') && !open.some((e) => e.tag === 'head'))
        const known = inPage && !open.some((e) => e.tag === 'template')
        const ancestors = known ? open.map((e) => e.attributes).reverse() : undefined
        for (const { attribute, message } of [...checkElement(attributes, ancestors), ...(tag === 'script' ? checkScriptTag(attributes) : [])]) {
          problems.push({ index: seen.find((a) => a.name === attribute)?.at ?? tagStart, message })
        }
        open.push({ tag, attributes })
      },
      onclosetag() {
        open.pop()
      },
    },
    { decodeEntities: true },
  )
  parser.end(page.text)
  return problems
}
