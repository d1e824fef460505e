/**
 * The attribute linter: the markup rules (src/plan/markup.ts) over every element of a JSP or HTML file, and the
 * tag's script-tag options (script-tag.ts), with the line and column of the attribute each problem is about.
 */
import { Parser } from 'htmlparser2'
import { checkElement, type Attributes } from '../plan/markup'
import { maskJsp } from './jsp'
import { checkScriptTag } from './script-tag'

export interface LintProblem {
  /** 1-based */
  line: number
  /** 1-based */
  column: number
  message: string
}

export function lintSource(source: string): LintProblem[] {
  const text = maskJsp(source)
  const lineStarts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1)
  const position = (index: number) => {
    let line = lineStarts.length - 1
    while (lineStarts[line]! > index) line--
    return { line: line + 1, column: index - lineStarts[line]! + 1 }
  }

  const problems: LintProblem[] = []
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
        // An element's place in the page is known inside <body>, unless a template holds it for a script to insert;
        // a file without <body> is a fragment that other pages include.
        const known = open.some((e) => e.tag === 'body') && !open.some((e) => e.tag === 'template')
        const ancestors = known ? open.map((e) => e.attributes).reverse() : undefined
        for (const { attribute, message } of [...checkElement(attributes, ancestors), ...(tag === 'script' ? checkScriptTag(attributes) : [])]) {
          problems.push({ ...position(seen.find((a) => a.name === attribute)?.at ?? tagStart), message })
        }
        open.push({ tag, attributes })
      },
      onclosetag() {
        open.pop()
      },
    },
    { decodeEntities: true },
  )
  parser.end(text)
  return problems.sort((a, b) => a.line - b.line || a.column - b.column)
}
