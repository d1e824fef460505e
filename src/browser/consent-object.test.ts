// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { consentObject } from './consent-object'

const script = (mode?: string) => {
  const element = document.createElement('script')
  if (mode) element.setAttribute('data-consent', mode)
  return element
}
const withGpc = (on: boolean) => Object.defineProperty(navigator, 'globalPrivacyControl', { configurable: true, get: () => on })

afterEach(() => withGpc(false))

describe('the consent object (categoryPreferences)', () => {
  it('is the choice as captured, booleans only', () => {
    const preferences = consentObject(script('required'))
    expect(preferences({ analytics: true, advertising: false, functional: 'yes' })).toEqual({ analytics: true, advertising: false })
  })

  it('nothing known (no choice, no GPC): none at all', () => {
    expect(consentObject(script())(undefined)).toBeUndefined()
    expect(consentObject(script('required'))(undefined)).toBeUndefined()
  })

  it('without data-consent="required", analytics is true unless the choice says otherwise', () => {
    expect(consentObject(script())({ advertising: true })).toEqual({ analytics: true, advertising: true })
    expect(consentObject(script('none'))({ analytics: false })).toEqual({ analytics: false })
  })

  it('Global Privacy Control: advertising is false whatever the choice says, with or without data-consent', () => {
    withGpc(true)
    expect(consentObject(script())(undefined)).toEqual({ analytics: true, advertising: false })
    expect(consentObject(script('required'))({ analytics: true, advertising: true })).toEqual({ analytics: true, advertising: false })
  })
})
