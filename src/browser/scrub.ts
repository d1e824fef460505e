/**
 * Secrets never leave the browser. Runs on every event as the last enrichment, after the SDK has added the page
 * context, so it sees exactly what would be sent: URLs (page properties, context.page and URL-valued properties)
 * lose secret parameters and e-mail addresses; a card number or a password field's value is removed outright.
 */
import type { SegmentEvent } from '@segment/analytics-next'
import { looksLikeCardNumber, scrubUrl } from '../plan/privacy'
import { scrubPage } from './scrub-page'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null

/**
 * The page's inputs, a live collection: the browser keeps it current as markup changes, and reads it again only
 * then, where a selector query visits the whole document on every event (2 ms and more on a catalog page).
 */
let inputs: HTMLCollectionOf<HTMLInputElement> | undefined

/** The current values of the page's password fields: a property equal to one is never sent. */
function passwordValues(): Set<string> {
  const values = new Set<string>()
  for (const input of (inputs ??= document.getElementsByTagName('input'))) if (input.type === 'password' && input.value) values.add(input.value)
  return values
}

function scrubValues(object: Json | unknown[], path: string, passwords: Set<string>, secret: ReadonlySet<string>, dropped: string[]): void {
  const list = Array.isArray(object)
  // Backwards, so that removing an array item does not shift the ones still to visit.
  for (const key of Object.keys(object).reverse()) {
    const value = (object as Json)[key]
    const where = list ? `${path}[${key}]` : path ? `${path}.${key}` : key
    if (isObject(value)) {
      scrubValues(value, where, passwords, secret, dropped)
    } else if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value)
      if (looksLikeCardNumber(text) || passwords.has(text)) {
        if (list) object.splice(Number(key), 1)
        else delete (object as Json)[key]
        dropped.push(`${where} ${passwords.has(text) ? "is a password field's value" : 'looks like a card number'}; not sent`)
      } else if (typeof value === 'string' && /^(https?:)?\//i.test(value)) {
        ;(object as Json)[key] = scrubUrl(value, secret)
      }
    }
  }
}

/**
 * Scrubs properties in place (secret URL parameters; card numbers and password values removed); returns a sentence
 * per value removed, for the console.
 */
export function scrubProperties(properties: Json, secret: ReadonlySet<string>, path = ''): string[] {
  const dropped: string[] = []
  scrubValues(properties, path, passwordValues(), secret, dropped)
  return dropped
}

/** Scrubs the event in place; returns a sentence per value removed, for the console. */
export function scrubEvent(event: SegmentEvent, secret: ReadonlySet<string>): string[] {
  if (event.type === 'page') scrubPage(event.properties as Json | undefined, secret)
  scrubPage(event.context?.page as Json | undefined, secret)
  return [
    ...(event.properties ? scrubProperties(event.properties as Json, secret) : []),
    ...(event.traits ? scrubProperties(event.traits as Json, secret, 'traits') : []),
  ]
}
