/** Secrets that never leave the browser or the server: pure functions shared by the tag and the server emitter. */

/** Query parameters removed from every URL, whatever their case; pages add more with data-scrub-params. */
export const SECRET_PARAMS: readonly string[] = [
  'token', 'reset_token', 'code', 'password', 'email', 'key', 'auth', 'session',
  'access_token', 'id_token', 'refresh_token', 'api_key', 'apikey', 'secret', 'sessionid', 'jsessionid', 'otp', 'pwd',
]

export const REDACTED = '[redacted]'

// An e-mail address, raw or with its @ percent-encoded, anywhere in a string.
const EMAIL = /[\w.!$%'*+^`~-]+(?:@|%40)[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi

const SESSION_IN_PATH = /;jsessionid=[^/?#;]*/gi

/** `decodeURIComponent` of a query component (`+` a space), or the text itself when it is not well encoded. */
export function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

function scrubPairs(pairs: string, secret: ReadonlySet<string>): string {
  return pairs
    .split('&')
    .filter((pair) => !secret.has(decode(pair.split('=')[0] ?? '').trim().toLowerCase()))
    .join('&')
}

export function secretParams(extra: readonly string[] = []): ReadonlySet<string> {
  return new Set([...SECRET_PARAMS, ...extra.map((name) => name.toLowerCase())])
}

/**
 * Removes secret query parameters (in the query and in a `#a=b&c=d` fragment) and a `;jsessionid=` path parameter,
 * and replaces e-mail addresses anywhere in a URL, a path or a bare search string. Other parameters keep their
 * exact encoding and order.
 */
export function scrubUrl(url: string, secret: ReadonlySet<string> = secretParams()): string {
  let hashAt = url.indexOf('#')
  if (hashAt < 0) hashAt = url.length
  let fragment = url.slice(hashAt + 1)
  const beforeHash = url.slice(0, hashAt)
  const queryAt = beforeHash.indexOf('?')
  let result = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt)
  if (queryAt >= 0) {
    const query = scrubPairs(beforeHash.slice(queryAt + 1), secret)
    if (query) result += '?' + query
  }
  if (fragment.includes('=')) fragment = scrubPairs(fragment, secret)
  if (hashAt < url.length && fragment) result += '#' + fragment
  // A servlet container's session id in the path (`/cart.jsp;jsessionid=…`), written when cookies are off.
  return result.replace(SESSION_IN_PATH, '').replace(EMAIL, REDACTED)
}

/** True for 13 to 19 digits (spaces or dashes allowed between them) that pass the Luhn check: a payment card number. */
export function looksLikeCardNumber(value: string): boolean {
  if (!/^\d[\d -]{11,22}\d$/.test(value)) return false
  const digits = value.replace(/[ -]/g, '')
  if (digits.length < 13 || digits.length > 19) return false
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2
    sum += digit
  }
  return sum % 10 === 0
}

/** Replaces every e-mail address in free text. */
export function scrubEmails(text: string): string {
  return text.replace(EMAIL, REDACTED)
}
