/**
 * Segment's consent object, `context.consent.categoryPreferences`, for the choice an event was captured under
 * (contract §7). The core's for the events it sends (the loader keeps the choice with each command), the loader's
 * for the page view it sends itself (`page-view.ts`).
 */

/** A visitor's choice: category names (free) and booleans (anything else is dropped by the core). */
export type Categories = Record<string, boolean>

/** Whether the page asks first: anything but `data-consent="none"` (or none at all) is `required` (a typo must not track). */
export const consentRequired = (script: HTMLScriptElement): boolean => (script.getAttribute('data-consent') ?? 'none') !== 'none'

/**
 * Global Privacy Control turns `advertising` off whatever the choice says; under `data-consent="none"`, `analytics`
 * is true unless the choice says otherwise (the tag is tracking: Segment treats a category missing from the object
 * as not granted). Nothing known (`none`, no choice, no GPC): no consent object, which Segment does not enforce.
 * Values that are not booleans are left out.
 */

export function consentObject(script: HTMLScriptElement): (choice: unknown) => Categories | undefined {
  const required = consentRequired(script)
  const gpc = (navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl === true
  return (choice) => {
    if (!choice && !gpc) return undefined
    const categories = Object.entries(choice ?? {}).filter(([, granted]) => typeof granted === 'boolean')
    return { ...(!required && { analytics: true }), ...Object.fromEntries(categories), ...(gpc && { advertising: false }) }
  }
}
