/**
 * analytics-next's identity as it keeps it in the browser (core/user and core/storage in its source), read and
 * written by the loader before the SDK has loaded, so that the SDK finds exactly what it would have written: the
 * `ajs_anonymous_id` and `ajs_user_id` cookies (the value as is, for a year, on the site's top domain, path /,
 * SameSite=Lax, as js-cookie writes it) and localStorage keys (the value JSON-encoded: `"…"`), `ajs_user_traits`
 * in localStorage only. A store that throws or is disabled is skipped, as the SDK skips it.
 */

/** A stored value as analytics-next reads one: JSON if it parses (a number becomes a string), else the text. */
function parse(text: string | null | undefined): string {
  if (text == null) return ''
  try {
    const value: unknown = JSON.parse(text)
    return value == null ? '' : String(value)
  } catch {
    return text
  }
}

function cookie(key: string): string {
  try {
    const found = ('; ' + document.cookie).split('; ' + key + '=')[1]
    return found === undefined ? '' : parse(decodeURIComponent(found.split(';')[0]!))
  } catch {
    return ''
  }
}

function local(key: string): string {
  try {
    return parse(localStorage.getItem(key))
  } catch {
    return ''
  }
}

let domain: string | undefined

/**
 * The cookie domain analytics-next uses (core/user/tld.ts): the shortest parent domain that accepts a cookie, none
 * for an IP address or a one-label host (localhost).
 */
function topDomain(): string {
  if (domain !== undefined) return domain
  domain = ''
  const parts = location.hostname.split('.')
  if ((parts.length === 4 && parseInt(parts[3]!, 10) > 0) || parts.length < 2) return domain
  for (let i = parts.length - 2; i >= 0; i--) {
    const level = parts.slice(i).join('.')
    document.cookie = `__tld__=1; path=/; domain=.${level}`
    if (cookie('__tld__')) {
      document.cookie = `__tld__=; path=/; domain=.${level}; expires=${new Date(0).toUTCString()}`
      return (domain = level)
    }
  }
  return domain
}

/** Writes (or, with '', removes) a key in the stores the SDK keeps it in: cookie and localStorage, or localStorage alone. */
function store(key: string, value: string | object, inCookie = true): void {
  try {
    if (inCookie) {
      const expires = new Date(Date.now() + (value === '' ? -864e5 : 365 * 864e5)).toUTCString()
      const at = topDomain()
      document.cookie = `${key}=${value}; path=/; expires=${expires}${at ? '; domain=' + at : ''}; sameSite=Lax`
    }
  } catch {
    // Cookies disabled: localStorage (or the SDK's memory) keeps it.
  }
  try {
    if (value === '') localStorage.removeItem(key)
    else localStorage.setItem(key, JSON.stringify(value))
  } catch {
    // No localStorage: the cookie keeps it.
  }
}

/** The user id the SDK would read: localStorage first, then the cookie; '' when none. */
export const storedUserId = (): string => local('ajs_user_id') || cookie('ajs_user_id')

/** The anonymous id the SDK would read (the cookie wins a disagreement), or a new one, stored as the SDK stores it. */
export function storedAnonymousId(): string {
  let id = cookie('ajs_anonymous_id') || local('ajs_anonymous_id')
  if (!id) store('ajs_anonymous_id', (id = uuid()))
  return id
}

/** analytics-next's `reset()`: the user id, traits, anonymous id and group are gone from every store. */
export function resetStoredIdentity(): void {
  for (const key of ['ajs_user_id', 'ajs_anonymous_id', 'ajs_group_id']) store(key, '')
  for (const key of ['ajs_user_traits', 'ajs_group_properties']) store(key, '', false)
}

/** What analytics-next's identify(userId, {}) leaves after the tag has cleared the traits. */
export function storeUserId(userId: string): void {
  store('ajs_user_id', userId)
  store('ajs_user_traits', {}, false)
}

/** A version 4 UUID, as @lukeed/uuid makes them for analytics-next. */
export function uuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 15) | 64
  bytes[8] = (bytes[8]! & 63) | 128
  let id = ''
  for (let i = 0; i < 16; i++) id += (i === 4 || i === 6 || i === 8 || i === 10 ? '-' : '') + (bytes[i]! + 256).toString(16).slice(1)
  return id
}
