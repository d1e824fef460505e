/**
 * The visitor's consent choice, read on the server from the tag's `academy_consent` cookie (contract §7), as the
 * `categoryPreferences` of Segment's consent object: server events then carry the same object as the browser's.
 */

/** The tag's consent cookie: the choice as URL-encoded JSON, `{"analytics":true,"advertising":false}`. */
export const CONSENT_COOKIE = 'academy_consent'

export interface ConsentOptions {
  /** The request's Global Privacy Control signal (`Sec-GPC: 1`): `advertising` is then false whatever the cookie says. */
  gpc?: boolean
  /** The tag's `data-consent="required"`. Without it, `analytics` is true unless the choice says otherwise, as the tag sends it. */
  required?: boolean
}

/**
 * The consent object's `categoryPreferences` for a request's `Cookie` header, or undefined when nothing is known
 * (no choice, no GPC): then no consent object is sent, as the tag sends none. Values that are not booleans are
 * left out; an unreadable cookie counts as no choice.
 */
export function consentFromCookie(cookieHeader: string | readonly string[] | null | undefined, options: ConsentOptions = {}): Record<string, boolean> | undefined {
  const header = Array.isArray(cookieHeader) ? cookieHeader.join('; ') : cookieHeader
  let choice: Record<string, boolean> | undefined
  for (const pair of typeof header === 'string' ? header.split(';') : []) {
    const at = pair.indexOf('=')
    if (at < 0 || pair.slice(0, at).trim() !== CONSENT_COOKIE) continue
    choice = categories(pair.slice(at + 1).trim())
    break // the first one wins: browsers send the cookie of the most specific path first
  }
  if (!choice && !options.gpc) return undefined
  return { ...(!options.required && { analytics: true }), ...choice, ...(options.gpc && { advertising: false }) }
}

function categories(raw: string): Record<string, boolean> | undefined {
  try {
    const parsed: unknown = JSON.parse(decodeURIComponent(raw))
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined
    return Object.fromEntries(Object.entries(parsed).filter(([, granted]) => typeof granted === 'boolean'))
  } catch {
    return undefined
  }
}
