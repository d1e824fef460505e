/**
 * JSP constructs, masked so that an HTML parser reads a JSP file much as the browser reads its output: `${…}`,
 * `#{…}`, `<% … %>`, `<%-- … --%>` and custom tags (`<c:out …/>`, `<c:forEach …>`, `</c:forEach>`) become
 * `${xx…x}` of the same length, line breaks kept. Positions stay those of the file, quotes inside a construct
 * (`data-analytics-name="<c:out value="${p.name}"/>"`) no longer end the attribute value, and the markup rules
 * see a dynamic value.
 */

const mask = (text: string) => '${' + text.slice(2, -1).replace(/[^\r\n]/g, 'x') + '}'

/** The index just after the `}` that closes the expression whose `{` is at `start`, or -1. */
function endOfExpression(source: string, start: number): number {
  let depth = 0
  for (let i = start; i < source.length; i++) {
    const c = source[i]
    if (c === '"' || c === "'") {
      const close = source.indexOf(c, i + 1)
      if (close < 0) return -1
      i = close
    } else if (c === '{') depth++
    else if (c === '}' && --depth === 0) return i + 1
  }
  return -1
}

/** The index just after the `>` that ends the custom tag opening at `start`, skipping quoted values and expressions, or -1. */
function endOfTag(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i]
    if (c === '>') return i + 1
    if (c === '"' || c === "'") {
      for (i++; i < source.length && source[i] !== c; i++) {
        const end = constructAt(source, i)
        if (end > 0) i = end - 1
      }
    }
  }
  return -1
}

const CUSTOM_TAG = /<\/?[A-Za-z][\w-]*:[A-Za-z]/y

/** The index just after the JSP construct starting at `i`, or -1 when none starts there. */
function constructAt(source: string, i: number): number {
  const c = source[i]
  const next = source[i + 1]
  if ((c === '$' || c === '#') && next === '{' && source[i - 1] !== '\\') return endOfExpression(source, i + 1)
  if (c !== '<') return -1
  if (next === '%') {
    const close = source.startsWith('<%--', i) ? source.indexOf('--%>', i + 4) + 4 : source.indexOf('%>', i + 2) + 2
    return close > i + 2 ? close : -1
  }
  CUSTOM_TAG.lastIndex = i
  return CUSTOM_TAG.test(source) ? endOfTag(source, i) : -1
}

export function maskJsp(source: string): string {
  let out = ''
  let copied = 0
  for (let i = 0; i < source.length; i++) {
    const end = constructAt(source, i)
    if (end < 0) continue
    out += source.slice(copied, i) + mask(source.slice(i, end))
    copied = end
    i = end - 1
  }
  return out + source.slice(copied)
}
