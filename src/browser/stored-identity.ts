/**
 * analytics-next's identity as it keeps it in the browser (core/user and core/storage in its source), read by the
 * loader before the SDK has loaded, as the SDK reads it: the `ajs_user_id` and `ajs_anonymous_id` localStorage keys
 * (JSON-encoded: `"…"`) and cookies (the value as is). A store that throws or is disabled is skipped, as the SDK
 * skips it. The loader writes nothing: the SDK stores the identity it is handed (core.ts, `sent`).
 */

/** A stored value as analytics-next reads one: JSON if it parses (a number becomes a string), else the text; '' when none. */
function read(stored: () => string | null | undefined): string {
  try {
    const text = stored()
    if (text == null) return ''
    try {
      const value: unknown = JSON.parse(text)
      return value == null ? '' : String(value)
    } catch {
      return text
    }
  } catch {
    return ''
  }
}

const cookie = (key: string) =>
  read(() => {
    const found = ('; ' + document.cookie).split('; ' + key + '=')[1]
    return found && decodeURIComponent(found.split(';')[0]!)
  })
const local = (key: string) => read(() => localStorage.getItem(key))

/** The user id the SDK would read: localStorage first, then the cookie; '' when none. */
export const storedUserId = (): string => local('ajs_user_id') || cookie('ajs_user_id')

/** The anonymous id the SDK would read (the cookie wins a disagreement); '' when none. */
export const storedAnonymousId = (): string => cookie('ajs_anonymous_id') || local('ajs_anonymous_id')
