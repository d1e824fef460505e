/**
 * The last guard before anything leaves the server. The plan already keeps only its own fields (so a `password`,
 * `cvv` or `card_number` key never passes); this catches a secret inside a planned field: a payment card number in
 * any string or number (whole, or inside free text), and secret parameters or e-mail addresses in URLs.
 */
import { REDACTED, looksLikeCardNumber, scrubUrl } from '../plan/privacy'

/** Runs of 13 or more digits, spaces or dashes allowed between them: the candidates for a card number. */
const DIGIT_RUNS = /\d(?:[ -]?\d){12,}/g
const URL_FIELDS = new Set(['url', 'image_url'])

/**
 * True when some consecutive digit groups of a run are a card number: `4111 1111 1111 1111`, and also
 * `4111 1111 1111 1111 123` (a CVV typed after it). A single group of more than 19 digits is a long number, not a card.
 * Only numbers starting 2 to 6 count (the networks a store takes: Mastercard, Amex, Diners, JCB, Visa, Discover,
 * UnionPay, Maestro), so that a millisecond timestamp or a numeric order id in a field is not dropped one time in ten.
 */
function isCardRun(run: string): boolean {
  const groups = run.split(/[ -]/)
  for (let first = 0; first < groups.length; first++) {
    if (!/^[2-6]/.test(groups[first]!)) continue
    let digits = ''
    for (let last = first; last < groups.length && digits.length < 19; last++) {
      digits += groups[last]
      if (looksLikeCardNumber(digits)) return true
    }
  }
  return false
}
const hasCardNumber = (text: string): boolean => (text.match(DIGIT_RUNS) ?? []).some(isCardRun)

/** `text` (a log line) with every card number replaced: a value the plan refuses is quoted in its violation. */
export const withoutCardNumbers = (text: string): string => text.replace(DIGIT_RUNS, (run) => (isCardRun(run) ? REDACTED : run))

/**
 * A copy of validated `value` (plain objects, arrays, strings, numbers, booleans) without any value that holds a
 * card number, with URLs scrubbed. Each value dropped is one sentence in `violations`.
 */
export function withoutSecrets<T>(value: T, label: string, violations: string[], path = ''): T {
  if (Array.isArray(value)) {
    const items: unknown[] = []
    value.forEach((item, i) => {
      const kept = withoutSecrets(item, label, violations, `${path}[${i}]`)
      if (kept !== undefined) items.push(kept)
    })
    return items as T
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      const kept = withoutSecrets(item, label, violations, path ? `${path}.${key}` : key)
      if (kept !== undefined) out[key] = URL_FIELDS.has(key) && typeof kept === 'string' ? scrubUrl(kept) : kept
    }
    return out as T
  }
  if ((typeof value === 'string' || typeof value === 'number') && hasCardNumber(String(value))) {
    violations.push(`${label}: ${path} looks like a payment card number; dropped`)
    return undefined as T
  }
  return value
}
