// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Config } from './config'

type Consent = typeof import('./consent')

/** A fresh loader consent module (its state is the page's), started with the script tag's attributes. */
async function start(attributes: Record<string, string>, onChange = vi.fn()): Promise<Consent & { onChange: typeof onChange }> {
  vi.resetModules()
  const consent = await import('./consent')
  const script = document.createElement('script')
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value)
  consent.startConsent({ script } as unknown as Config, onChange)
  return Object.assign(consent, { onChange })
}

const cookie = () => /academy_consent=([^;]*)/.exec(document.cookie)?.[1]

beforeEach(() => {
  vi.restoreAllMocks()
  document.cookie = 'academy_consent=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'
  const w = window as unknown as Record<string, unknown>
  delete w.OnetrustActiveGroups
  delete w.OneTrust
  delete w.OptanonWrapper
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})

describe('data-consent', () => {
  it('none (or absent): events go until analytics is declined', async () => {
    const consent = await start({})
    expect([consent.sending(), consent.waiting()]).toEqual([true, false])
    consent.choose({ analytics: false })
    expect([consent.sending(), consent.waiting()]).toEqual([false, false])
    expect(consent.onChange).toHaveBeenCalledWith(true)
  })

  it('required: events wait for a choice, and go only once analytics is granted', async () => {
    const consent = await start({ 'data-consent': 'required' })
    expect([consent.sending(), consent.waiting()]).toEqual([false, true])
    consent.choose({ advertising: true })
    expect([consent.sending(), consent.waiting()]).toEqual([false, false])
    consent.choose({ analytics: true })
    expect([consent.sending(), consent.waiting()]).toEqual([true, false])
    expect(consent.onChange.mock.calls).toEqual([[false], [false]])
  })

  it('a value that is neither none nor required is required: a typo must not track before consent (the core warns: config.test.ts)', async () => {
    const consent = await start({ 'data-consent': 'requried' })
    expect(consent.waiting()).toBe(true)
  })
})

describe('the choice', () => {
  it('is kept in the academy_consent cookie, as URL-encoded JSON, and read back by the next page', async () => {
    const first = await start({ 'data-consent': 'required' })
    first.choose({ analytics: true, advertising: false })
    expect(decodeURIComponent(cookie()!)).toBe('{"analytics":true,"advertising":false}')
    const next = await start({ 'data-consent': 'required' })
    expect(next.choice).toEqual({ analytics: true, advertising: false })
    expect(next.sending()).toBe(true)
  })

  it('is copied: the caller changing its object later changes nothing', async () => {
    const consent = await start({ 'data-consent': 'required' })
    const categories = { analytics: true }
    consent.choose(categories)
    categories.analytics = false
    expect(consent.sending()).toBe(true)
  })

  it('that is not an object is ignored with a warning', async () => {
    const consent = await start({ 'data-consent': 'required' })
    consent.choose('yes')
    consent.choose(null)
    expect(consent.waiting()).toBe(true)
    expect(cookie()).toBeUndefined()
    expect(console.warn).toHaveBeenCalledTimes(2)
  })

  it('an object that throws when read is ignored with a warning, never thrown into the page', async () => {
    const consent = await start({ 'data-consent': 'required' })
    const hostile = Object.defineProperty({}, 'analytics', { enumerable: true, get: () => { throw new Error('no') } })
    expect(() => consent.choose(hostile)).not.toThrow()
    expect(consent.waiting()).toBe(true)
    expect(consent.onChange).not.toHaveBeenCalled()
  })

  it('an unreadable cookie is no choice', async () => {
    document.cookie = 'academy_consent=%7Bnot-json; path=/'
    const consent = await start({ 'data-consent': 'required' })
    expect(consent.waiting()).toBe(true)
  })
})

describe('OneTrust (data-consent-onetrust)', () => {
  type OneTrustWindow = { OnetrustActiveGroups?: string; OneTrust?: object; OptanonWrapper?: () => void }
  const w = window as unknown as OneTrustWindow
  const mapping = { 'data-consent': 'required', 'data-consent-onetrust': 'analytics:C0002, advertising:C0004' }

  it('maps the active groups to the tag categories, on load and on OnConsentChanged', async () => {
    const changed: Array<() => void> = []
    w.OnetrustActiveGroups = ',C0001,C0002,'
    w.OneTrust = { OnConsentChanged: (callback: () => void) => changed.push(callback) }
    const consent = await start(mapping)
    expect(consent.choice).toEqual({ analytics: true, advertising: false })
    w.OnetrustActiveGroups = ',C0001,C0002,C0004,'
    changed.forEach((callback) => callback())
    expect(consent.choice).toEqual({ analytics: true, advertising: true })
  })

  it("OneTrust's defaults that do not grant analytics are no choice until the visitor answers", async () => {
    const changed: Array<() => void> = []
    const consent = await start(mapping)
    // OneTrust loads after the tag and calls OptanonWrapper.
    w.OnetrustActiveGroups = ',C0001,'
    w.OneTrust = { OnConsentChanged: (callback: () => void) => changed.push(callback) }
    w.OptanonWrapper!()
    expect(consent.waiting()).toBe(true)
    changed.forEach((callback) => callback()) // the visitor rejects all
    expect(consent.choice).toEqual({ analytics: false, advertising: false })
    expect(consent.waiting()).toBe(false)
  })

  it("the page's own OptanonWrapper still runs, after the tag's", async () => {
    const order: string[] = []
    w.OptanonWrapper = () => order.push(`page: ${String(consent.choice?.analytics)}`)
    const consent = await start(mapping)
    w.OnetrustActiveGroups = ',C0002,'
    w.OptanonWrapper!()
    expect(order).toEqual(['page: true'])
  })
})
