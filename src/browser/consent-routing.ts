/**
 * Device-mode destinations under consent, as Segment's consent settings say: a destination whose
 * `consentSettings.categories` (in the source's settings) are not all granted by an event's `categoryPreferences`
 * does not get that event. Segment applies the same rule to cloud-mode destinations on its side. A chunk of the
 * core's own, loaded only with `data-remote-settings` (without remote settings there is no device mode).
 */
import type { Analytics, CDNSettings } from '@segment/analytics-next'
import type { Categories } from './consent-object'

/** An event with no consent object (nothing known, `data-consent="none"`) goes everywhere, as at Segment. */
export const allows = (categories: string[], preferences: Categories | undefined): boolean =>
  !preferences || categories.every((category) => preferences[category] === true)

const categoriesOf = (settings: CDNSettings, name: string): string[] => settings.integrations[name]?.consentSettings?.categories ?? []

export interface ConsentRouting {
  /** For analytics-next's `updateCDNSettings`: a destination the consent at load does not allow is not loaded at all (its script could set cookies of its own). */
  loaded(settings: CDNSettings): CDNSettings
  /** Checks every later event against the consent it was captured under (a choice changed on the page). */
  route(analytics: Analytics): void
}

export function consentRouting(consent: () => Categories | undefined): ConsentRouting {
  let settings: CDNSettings | undefined
  return {
    loaded(all) {
      settings = all
      const allowed = (name: string) => name === 'Segment.io' || allows(categoriesOf(all, name), consent())
      return {
        ...all,
        integrations: Object.fromEntries(Object.entries(all.integrations).filter(([name]) => allowed(name))) as CDNSettings['integrations'],
        remotePlugins: all.remotePlugins?.filter((plugin) => allowed(plugin.creationName)),
      }
    },
    route(analytics) {
      void analytics.addDestinationMiddleware('*', ({ payload, integration, next }) => {
        const preferences = (payload.obj.context as { consent?: { categoryPreferences?: Categories } } | undefined)?.consent?.categoryPreferences
        next(settings && !allows(categoriesOf(settings, integration), preferences) ? null : payload)
      })
    },
  }
}
