/**
 * Inline code in a page: what a strict Content Security Policy (`script-src 'self'; style-src 'self'`) blocks of
 * the page's own markup. A page that a test serves with `?csp=strict` must hold none, so that every violation the test sees is
 * the tag's own (Chromium reports an inline handler as a violation while parsing, with or without the tag).
 */
import { Parser } from 'htmlparser2'

/** Script types the browser runs (others, such as `application/ld+json`, are data that no policy blocks). */
const SCRIPT_TYPES = /^$|^module$|^(text|application)\/(x-)?(java|ecma)script$/i

/** Each piece of inline code (script or style) in `html`, as `line N: what`. */
export function inlineCode(html: string): string[] {
  const found: string[] = []
  const lineAt = (index: number) => html.slice(0, index).split('\n').length
  const parser: Parser = new Parser({
    onopentag(tag, attributes) {
      const at = `line ${lineAt(parser.startIndex)}: <${tag}${attributes.id ? ` id="${attributes.id}"` : ''}>`
      for (const [name, value] of Object.entries(attributes)) {
        if (/^on/i.test(name)) found.push(`${at} has an inline handler ${name}`)
        else if (name === 'style') found.push(`${at} has an inline style`)
        else if (/^(href|src|action|formaction)$/i.test(name) && /^\s*javascript:/i.test(value)) found.push(`${at} has a javascript: URL in ${name}`)
      }
      if (tag === 'script' && attributes.src === undefined && SCRIPT_TYPES.test((attributes.type ?? '').trim())) found.push(`${at} is an inline script`)
      if (tag === 'style') found.push(`${at} is an inline style sheet`)
    },
  })
  parser.end(html)
  return found
}
