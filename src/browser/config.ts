/**
 * The tag's options, read from its own script tag (contract §1), once, by the loader: it sends the page view
 * itself, so it needs the delivery options too; the core gets the same object. What only the core needs (debug
 * mode, the CDN) the core reads: every byte of the loader is downloaded by every visitor.
 */
import { warn } from './log'

export interface Config {
  writeKey: string
  /** Set by `academyAnalytics.debug()` before the core has loaded; else the core reads it (`readDebug`). */
  debug?: boolean
  /** The script's own URL: lazily loaded chunks are resolved against it. */
  scriptUrl: string
  script: HTMLScriptElement
  delivery: DeliveryConfig
}

export interface ImpressionConfig {
  impressionThreshold: number
  impressionMs: number
}

export interface DeliveryConfig {
  /** Tracking API base, scheme included, no trailing slash. */
  apiHost: string
  remoteSettings: boolean
  /** Extra query parameters to scrub, on top of the built-in list. */
  scrubParams: string[]
}

const option = (script: HTMLScriptElement, name: string) => script.getAttribute('data-' + name)
const on = (script: HTMLScriptElement, name: string) => option(script, name) !== null && option(script, name) !== 'false'
const invalid = <T>(name: string, value: string, fallback: T): T => (warn(`data-${name}="${value}" is not valid; using ${fallback}`), fallback)

function number(script: HTMLScriptElement, name: string, fallback: number, valid: (n: number) => boolean): number {
  const value = option(script, name)
  return value === null ? fallback : value.trim() !== '' && valid(Number(value)) ? Number(value) : invalid(name, value, fallback)
}

// Each default apart, so that the loader carries the API host's alone (the CDN is the core's).
const API_HOST = 'https://api.segment.io/v1'
const CDN_URL = 'https://cdn.segment.com'

/** An http(s) URL, absolute, without trailing slashes; undefined when `value` is none. */
function httpUrl(value: string | null): string | undefined {
  if (!value) return undefined
  try {
    const parsed = new URL(value, location.href)
    if (/^https?:$/.test(parsed.protocol)) return parsed.href.replace(/\/+$/, '')
  } catch {
    // not a URL
  }
  return undefined
}

/**
 * A URL option, or its default when absent or not an http(s) URL. The loader falls back without a word (every
 * visitor downloads it); the core says so (`warnInvalidOptions`).
 */
const url = (script: HTMLScriptElement, name: string, fallback: string): string => httpUrl(option(script, name)) ?? fallback

/**
 * The core's warnings for options the loader takes without a word: a URL option that is not an http(s) URL (its
 * default is used), a `data-consent` that is neither `none` nor `required` (`required` is assumed).
 */
export function warnInvalidOptions(script: HTMLScriptElement): void {
  for (const [name, fallback] of [['api-host', API_HOST], ['cdn-url', CDN_URL]] as const) {
    const value = option(script, name)
    if (value && !httpUrl(value)) invalid(name, value, fallback)
  }
  const consent = option(script, 'consent')
  if (consent !== null && consent !== 'none' && consent !== 'required') invalid('consent', consent, 'required')
}

/** Reads the configuration, or returns undefined (after one console error) when the tag must stay inert. */
export function readConfig(script: HTMLScriptElement | null): Config | undefined {
  const writeKey = script && option(script, 'write-key')?.trim()
  if (!script || !writeKey) {
    console.error('[academy-analytics] the script tag has no data-write-key; analytics is off on this page')
    return undefined
  }
  return {
    writeKey,
    scriptUrl: script.src || location.href,
    script,
    delivery: readDeliveryConfig(script),
  }
}

/** Debug mode: `data-debug`, or `?analytics_debug=1` in the page URL. */
export const readDebug = (script: HTMLScriptElement): boolean => on(script, 'debug') || /[?&]analytics_debug=(1|true)(&|#|$)/.test(location.href)

/** The CDN of the source's settings, with `data-remote-settings`. */
export const readCdnUrl = (script: HTMLScriptElement): string => url(script, 'cdn-url', CDN_URL)

export function readImpressionConfig(script: HTMLScriptElement): ImpressionConfig {
  return {
    impressionThreshold: number(script, 'impression-threshold', 0.5, (n) => n > 0 && n <= 1),
    impressionMs: number(script, 'impression-ms', 1000, (n) => n >= 0 && n < 60_000),
  }
}

function readDeliveryConfig(script: HTMLScriptElement): DeliveryConfig {
  return {
    apiHost: url(script, 'api-host', API_HOST),
    remoteSettings: on(script, 'remote-settings'),
    scrubParams: (option(script, 'scrub-params') ?? '').split(',').map((p) => p.trim()).filter(Boolean),
  }
}
