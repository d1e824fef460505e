/** The browser's anonymous id, read on the server so that server events join the visitor's browser session. */

const NAME = 'ajs_anonymous_id'
/** Far longer than any id analytics.js makes (a UUID); a longer value is not one of its ids. */
const MAX_LENGTH = 200

/**
 * The `ajs_anonymous_id` cookie of a request's `Cookie` header, as analytics-next writes it (the bare id) or as
 * older analytics.js wrote it (JSON, so with quotes, usually percent-encoded: `%22…%22`). Undefined when the
 * cookie is absent, empty or not an id (the tag had not run yet, or the visitor blocks it).
 */
export function anonymousIdFromCookie(cookieHeader: string | readonly string[] | null | undefined): string | undefined {
  const header = Array.isArray(cookieHeader) ? cookieHeader.join('; ') : cookieHeader
  if (typeof header !== 'string') return undefined
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=')
    if (at < 0 || pair.slice(0, at).trim() !== NAME) continue
    // The first one wins: browsers send the cookie of the most specific path first.
    return idOf(pair.slice(at + 1).trim())
  }
  return undefined
}

function idOf(raw: string): string | undefined {
  let value = raw
  try {
    value = decodeURIComponent(raw)
  } catch {
    // not percent-encoded after all: keep it as written
  }
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      value = JSON.parse(value) as string // a JSON text in quotes is a string
    } catch {
      value = value.slice(1, -1)
    }
  }
  value = value.trim()
  return value && value.length <= MAX_LENGTH && !/[\u0000-\u001f\u007f"]/.test(value) ? value : undefined
}
