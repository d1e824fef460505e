import type { Command } from './commands'

/** Reads the data-attributes of contract §2 and §5. No layout work: attribute reads only. */

export type Trigger = 'click' | 'submit' | 'load' | 'view'

export const EVENT = 'data-analytics-event'
export const ON = 'data-analytics-on'
export const IGNORE = 'data-analytics-ignore'
export const LOGOUT = 'data-analytics-logout'
const PROP = 'data-analytics-prop-'
const TRIGGERS: readonly string[] = ['click', 'submit', 'load', 'view']

/** The trigger an element with data-analytics-event declares, or undefined when its data-analytics-on is not one. */
export function triggerOf(element: Element): Trigger | undefined {
  const on = element.getAttribute(ON)
  if (on === null || on === '') return element.tagName === 'FORM' ? 'submit' : 'click'
  const trigger = on.trim().toLowerCase()
  return TRIGGERS.includes(trigger) ? (trigger as Trigger) : undefined
}

/** `data-analytics-prop-reset-method="email"` becomes `{ reset_method: 'email' }`; values stay strings for the plan to coerce. */
export function propertiesOf(element: Element): Record<string, unknown> {
  // No prototype: a `data-analytics-prop-__proto__` attribute stays a plain (and unplanned) key.
  const properties: Record<string, unknown> = Object.create(null)
  for (const { name, value } of Array.from(element.attributes)) {
    if (name.startsWith(PROP) && name.length > PROP.length) properties[name.slice(PROP.length).replace(/-/g, '_')] = value
  }
  return properties
}

export function isIgnored(element: Element): boolean {
  return element.closest('[' + IGNORE + ']') !== null
}

/** The track command an element's data-analytics-event declares. */
export function declaredEvent(element: Element): Command {
  return { type: 'track', event: element.getAttribute(EVENT) ?? '', properties: propertiesOf(element), source: element }
}
