/**
 * The tag's own script tag: its options (contract §1, §4, §7) checked as the tag reads them (src/browser/config.ts,
 * src/browser/identity.ts), so that a mistake the tag would only warn about at run time is found in the template.
 */
import { closest, isDynamic, type Attributes, type MarkupProblem } from '../plan/markup'

/** A check of one option's literal value: the problem, or undefined when the value is fine. */
type Check = (value: string, name: string) => string | undefined

const url =
  (fallback: string): Check =>
  (value, name) =>
    /^https?:\/\/[^/\s]/i.test(value.trim()) ? undefined : `${name}="${value}" is not an http(s) URL with its scheme; the tag uses ${fallback}`

const number =
  (range: string, fallback: string, valid: (n: number) => boolean): Check =>
  (value, name) =>
    value.trim() !== '' && valid(Number(value)) ? undefined : `${name}="${value}" is not a number ${range}; the tag uses ${fallback}`

const any: Check = () => undefined

/** Every option of the script tag, with the check of its literal value (as the tag reads it: same ranges, same defaults). */
const OPTIONS: Readonly<Record<string, Check>> = {
  'data-write-key': (value, name) => (value.trim() ? undefined : `${name} is empty: the tag stays inert on this page`),
  'data-api-host': url('https://api.segment.io/v1'),
  'data-remote-settings': any,
  'data-cdn-url': url('https://cdn.segment.com'),
  'data-debug': any,
  'data-impression-threshold': number('above 0, at most 1', '0.5', (n) => n > 0 && n <= 1),
  'data-impression-ms': number('of milliseconds from 0 to 59999', '1000', (n) => n >= 0 && n < 60_000),
  'data-scrub-params': any,
  // Rendered from the server session on every page: a literal (even "") gives every visitor the same identity.
  'data-user-id': (value, name) =>
    `${name}="${value}" is a literal: render the signed-in user's id from the session, e.g. ${name}="\${sessionScope.user.id}" (empty when no one is signed in)`,
  'data-consent': (value, name) => (['none', 'required'].includes(value) ? undefined : `${name}="${value}" is not none or required; the tag assumes required`),
  'data-consent-onetrust': any,
}

const isOption = (name: string) => Object.prototype.hasOwnProperty.call(OPTIONS, name)

/** The tag's script: its src names academy-analytics.js, or it carries one of the tag's options. */
export function isTagScript(attributes: Attributes): boolean {
  return /(^|\/)academy-analytics(\.[\w-]+)?\.js([?#]|$)/.test(attributes.src ?? '') || Object.keys(attributes).some(isOption)
}

/** The problems with a <script> element's options; none when it is not the tag's script. */
export function checkScriptTag(attributes: Attributes): MarkupProblem[] {
  if (!isTagScript(attributes)) return []
  const problems: MarkupProblem[] = []
  if (attributes['data-write-key'] === undefined) {
    problems.push({ attribute: 'data-write-key', message: 'the tag has no data-write-key: it stays inert on this page' })
  }
  for (const [name, value] of Object.entries(attributes)) {
    // data-analytics-* attributes are the markup rules' (checkElement).
    if (!name.startsWith('data-') || name.startsWith('data-analytics-')) continue
    const check = isOption(name) ? OPTIONS[name] : undefined
    if (!check) {
      const guess = closest(name, Object.keys(OPTIONS), Math.max(2, Math.floor((name.length - 'data-'.length) / 3)))
      problems.push({ attribute: name, message: `unknown option ${name} on the tag's script${guess ? ` (did you mean ${guess}?)` : ''}` })
      continue
    }
    const problem = isDynamic(value) ? undefined : check(value, name)
    if (problem) problems.push({ attribute: name, message: problem })
  }
  return problems
}
