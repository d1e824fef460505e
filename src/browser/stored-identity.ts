/**
 * analytics-next's identity as it keeps it in the browser (core/user and core/storage in its source), read by the
 * loader before the SDK has loaded, as the SDK reads it: the `ajs_user_id` and `ajs_anonymous_id` localStorage keys
 * (JSON-encoded: `"…"`) and cookies (the value as is). A store that throws or is disabled is skipped, as the SDK
 * skips it. The loader writes a new anonymous id only (`storeAnonymousId`); the SDK stores the rest of the identity
 * it is handed (core.ts, `sent`).
 */

/** A stored value as analytics-next reads one: JSON if it parses (a number becomes a string), else the text; '' when none. */
function read(stored: () => string | null | undefined): string {
  try {
    const text = stored() ?? ''
    try {
      return String(JSON.parse(text) ?? '')
    } catch {
      return text
    }
  } catch {
    return ''
  }
}

/** A cookie's value, URL-decoded; undefined when there is none. */
export function cookieValue(key: string): string | undefined {
  const found = ('; ' + document.cookie).split('; ' + key + '=')[1]
  return found && decodeURIComponent(found.split(';')[0]!)
}

const cookie = (key: string) => read(() => cookieValue(key))
const local = (key: string) => read(() => localStorage.getItem(key))

/** The user id the SDK would read: localStorage first, then the cookie; '' when none. */
export const storedUserId = (): string => local('ajs_user_id') || cookie('ajs_user_id')

/** The anonymous id the SDK would read (the cookie wins a disagreement); '' when none. */
export const storedAnonymousId = (): string => cookie('ajs_anonymous_id') || local('ajs_anonymous_id')

/**
 * Stores a new anonymous id as analytics-next would (its getConsistent writes every store): the cookie as is, for
 * a year (js-cookie says it with `expires`, this with `max-age`: the browser keeps the same), path /, SameSite=Lax,
 * on the site's top domain (core/user/tld.ts: the shortest parent domain that takes
 * a cookie; none for an IP address or localhost); localStorage JSON-encoded. At once, because the server reads the
 * cookie for its own events (a form sent in the page's first second); the SDK writes the rest when it adopts it.
 */
export function storeAnonymousId(id: string): void {
  try {
    const parts = location.hostname.split('.')
    let domain = ''
    if (parts.length > 1 && !(parts.length === 4 && parseInt(parts[3]!, 10) > 0)) {
      for (let i = parts.length - 2; i >= 0 && !domain; i--) {
        const level = parts.slice(i).join('.')
        document.cookie = `__tld__=1; path=/; domain=.${level}`
        if (cookie('__tld__')) {
          document.cookie = `__tld__=; path=/; domain=.${level}; max-age=0`
          domain = '; domain=' + level
        }
      }
    }
    document.cookie = `ajs_anonymous_id=${id}${domain}; path=/; max-age=31536000; sameSite=Lax`
  } catch {
    // Cookies disabled: localStorage (or the SDK's memory) keeps it.
  }
  try {
    localStorage.setItem('ajs_anonymous_id', JSON.stringify(id))
  } catch {
    // No localStorage: the cookie keeps it.
  }
}
