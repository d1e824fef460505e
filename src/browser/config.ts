/** The tag's options, read once from its own script tag (contract §1). */
export interface Config {
  writeKey: string
  /** Tracking API base, scheme included, no trailing slash. */
  apiHost: string
  remoteSettings: boolean
  cdnUrl: string
  debug: boolean
  impressionThreshold: number
  impressionMs: number
  /** Extra query parameters to scrub, on top of the built-in list. */
  scrubParams: string[]
  /** The script's own URL: lazily loaded chunks are resolved against it. */
  scriptUrl: string
}

const DEFAULT_API_HOST = 'https://api.segment.io/v1'
const DEFAULT_CDN_URL = 'https://cdn.segment.com'

function number(value: string | null, fallback: number, valid: (n: number) => boolean, name: string): number {
  if (value === null) return fallback
  const n = Number(value)
  if (value.trim() !== '' && valid(n)) return n
  console.warn(`[academy-analytics] ${name}="${value}" is not valid; using ${fallback}`)
  return fallback
}

function url(value: string | null, fallback: string, name: string): string {
  if (!value) return fallback
  try {
    const parsed = new URL(value, location.href)
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.href.replace(/\/+$/, '')
  } catch {
    // fall through to the warning
  }
  console.warn(`[academy-analytics] ${name}="${value}" is not an http(s) URL; using ${fallback}`)
  return fallback
}

/** Reads the configuration, or returns undefined (after one console error) when the tag must stay inert. */
export function readConfig(script: HTMLScriptElement | null, pageUrl: string): Config | undefined {
  const attr = (name: string) => script?.getAttribute('data-' + name) ?? null
  const writeKey = attr('write-key')?.trim()
  if (!script || !writeKey) {
    console.error('[academy-analytics] the script tag has no data-write-key; analytics is off on this page')
    return undefined
  }
  return {
    writeKey,
    apiHost: url(attr('api-host'), DEFAULT_API_HOST, 'data-api-host'),
    remoteSettings: attr('remote-settings') !== null && attr('remote-settings') !== 'false',
    cdnUrl: url(attr('cdn-url'), DEFAULT_CDN_URL, 'data-cdn-url'),
    debug: (attr('debug') !== null && attr('debug') !== 'false') || /[?&]analytics_debug=(1|true)(&|#|$)/.test(pageUrl),
    impressionThreshold: number(attr('impression-threshold'), 0.5, (n) => n > 0 && n <= 1, 'data-impression-threshold'),
    impressionMs: number(attr('impression-ms'), 1000, (n) => n >= 0 && n < 60_000, 'data-impression-ms'),
    scrubParams: (attr('scrub-params') ?? '').split(',').map((p) => p.trim()).filter(Boolean),
    scriptUrl: script.src || location.href,
  }
}
