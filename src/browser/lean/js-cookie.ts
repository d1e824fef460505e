/**
 * Replaces js-cookie (3.0.8) for analytics-next, which only calls `get(name)`, `set(name, value, attributes)` and
 * `remove(name, attributes)` of its default export (its identity cookies, the cookie-domain probe, `_ga`): the same
 * encoding of names and values, the same attributes (`expires` in days, `path=/` by default, a `true` attribute
 * written bare), the same reading (the first cookie of that name, quotes dropped, percent-escapes decoded). Its
 * `withAttributes`/`withConverter` API and the whole-jar `get()` are not used. A property test checks it against
 * the real one (js-cookie.test.ts).
 */
type Attributes = Record<string, unknown>

const encodeName = (name: string) => encodeURIComponent(name).replace(/%(2[346B]|5E|60|7C)/g, decodeURIComponent).replace(/[()]/g, escape)
const encodeValue = (value: string) => encodeURIComponent(value).replace(/%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g, decodeURIComponent)
const decodeValue = (value: string) => (value[0] === '"' ? value.slice(1, -1) : value).replace(/(%[\dA-F]{2})+/gi, decodeURIComponent)

function set(name: string, value: string, attributes?: Attributes): string {
  const all: Attributes = { path: '/', ...attributes }
  if (typeof all.expires === 'number') all.expires = new Date(Date.now() + all.expires * 864e5)
  if (all.expires) all.expires = (all.expires as Date).toUTCString()
  let text = ''
  for (const key in all) {
    if (!all[key]) continue
    text += '; ' + key + (all[key] === true ? '' : '=' + String(all[key]).split(';')[0])
  }
  return (document.cookie = encodeName(name) + '=' + encodeValue(value) + text)
}

function get(name: string): string | undefined {
  if (!name) return undefined
  // Read once: each read of document.cookie asks the browser for the jar (0.5 ms and more on a busy page).
  const jar = document.cookie
  for (const cookie of jar ? jar.split('; ') : []) {
    const parts = cookie.split('=')
    try {
      if (decodeURIComponent(parts[0]!) === name) return decodeValue(parts.slice(1).join('='))
    } catch {
      // A malformed escape: js-cookie skips that cookie too.
    }
  }
  return undefined
}

export default { get, set, remove: (name: string, attributes?: Attributes) => void set(name, '', { ...attributes, expires: -1 }) }
