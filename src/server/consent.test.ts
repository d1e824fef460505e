import type { HTTPClientRequest } from '@segment/analytics-node'
import { describe, expect, it } from 'vitest'
import { createServerAnalytics } from './analytics'
import { consentFromCookie } from './consent'

const cookie = (choice: unknown) => `ajs_anonymous_id=abc; academy_consent=${encodeURIComponent(JSON.stringify(choice))}; other=1`

describe('consentFromCookie', () => {
  it("reads the tag's academy_consent cookie as the consent object's categoryPreferences", () => {
    expect(consentFromCookie(cookie({ analytics: true, advertising: false }), { required: true })).toEqual({ analytics: true, advertising: false })
  })

  it('as the tag does: analytics true unless the choice says otherwise without data-consent="required"; booleans only', () => {
    expect(consentFromCookie(cookie({ advertising: true, functional: 'yes' }))).toEqual({ analytics: true, advertising: true })
  })

  it('Global Privacy Control (Sec-GPC: 1): advertising is false whatever the cookie says, and even without one', () => {
    expect(consentFromCookie(cookie({ analytics: true, advertising: true }), { gpc: true, required: true })).toEqual({ analytics: true, advertising: false })
    expect(consentFromCookie(undefined, { gpc: true })).toEqual({ analytics: true, advertising: false })
  })

  it('nothing known (no cookie, unreadable, not an object; no GPC): undefined, so no consent object is sent', () => {
    expect(consentFromCookie(undefined)).toBeUndefined()
    expect(consentFromCookie('ajs_anonymous_id=abc')).toBeUndefined()
    expect(consentFromCookie('academy_consent=%7Bbroken')).toBeUndefined()
    expect(consentFromCookie(cookie([true]))).toBeUndefined()
  })

  it('takes a header given as several lines', () => {
    expect(consentFromCookie(['a=1', cookie({ analytics: false })], { required: true })).toEqual({ analytics: false })
  })
})

describe('server events with the visitor\'s consent', () => {
  it('carry the same consent object as the browser\'s, on the identify and the track; without one, none', async () => {
    const batches: Array<Array<Record<string, unknown>>> = []
    const analytics = createServerAnalytics({
      writeKey: 'server-key',
      host: 'http://collector.test',
      httpClient: {
        async makeRequest(request: HTTPClientRequest) {
          batches.push((JSON.parse(request.body) as { batch: Array<Record<string, unknown>> }).batch)
          return { status: 200, statusText: 'OK' }
        },
      },
    })
    const consent = consentFromCookie(cookie({ analytics: true, advertising: false }), { required: true })
    analytics.userSignedIn({ userId: 'U-1', anonymousId: 'abc', consent, traits: { email: 'ann@example.org' } })
    analytics.productAdded({ anonymousId: 'abc', properties: { cart_id: 'C-1', product_id: 'P-1' } })
    await analytics.close()
    const events = batches.flat()
    expect(events.map((e) => [e.type, (e.context as { consent?: unknown }).consent])).toEqual([
      ['identify', { categoryPreferences: { analytics: true, advertising: false } }],
      ['track', { categoryPreferences: { analytics: true, advertising: false } }],
      ['track', undefined],
    ])
  })
})
