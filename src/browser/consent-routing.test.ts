import type { CDNSettings } from '@segment/analytics-next'
import { describe, expect, it } from 'vitest'
import { allows, consentRouting } from './consent-routing'

const settings = {
  integrations: {
    'Segment.io': { apiKey: 'key' },
    Ads: { consentSettings: { categories: ['advertising'] } },
    Both: { consentSettings: { categories: ['analytics', 'advertising'] } },
    Plain: {},
  },
  remotePlugins: [
    { name: 'Ads', creationName: 'Ads', libraryName: 'ads', url: '/ads.js', settings: {} },
    { name: 'Plain', creationName: 'Plain', libraryName: 'plain', url: '/plain.js', settings: {} },
  ],
} as unknown as CDNSettings

describe('routing by consent (Segment consent settings)', () => {
  it('a destination gets an event only when every one of its categories is granted', () => {
    expect(allows(['analytics', 'advertising'], { analytics: true, advertising: true })).toBe(true)
    expect(allows(['analytics', 'advertising'], { analytics: true, advertising: false })).toBe(false)
    expect(allows(['advertising'], { analytics: true })).toBe(false)
    expect(allows([], { analytics: false })).toBe(true)
  })

  it('an event without a consent object goes everywhere, as at Segment', () => {
    expect(allows(['advertising'], undefined)).toBe(true)
  })

  it('destinations the consent at load does not allow are not loaded; Segment.io always is', () => {
    const loaded = consentRouting(() => ({ analytics: true, advertising: false })).loaded(settings)
    expect(Object.keys(loaded.integrations)).toEqual(['Segment.io', 'Plain'])
    expect(loaded.remotePlugins!.map((plugin) => plugin.creationName)).toEqual(['Plain'])
    expect(Object.keys(consentRouting(() => undefined).loaded(settings).integrations)).toEqual(['Segment.io', 'Ads', 'Both', 'Plain'])
  })
})
