// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { readCdnUrl, readConfig, warnInvalidOptions } from './config'

const script = (attributes: Record<string, string>) => {
  const element = document.createElement('script')
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value)
  return element
}

afterEach(() => vi.restoreAllMocks())

describe('URL options', () => {
  it('take an http(s) URL, absolute and without trailing slashes', () => {
    const tag = script({ 'data-write-key': 'k', 'data-api-host': 'http://127.0.0.1:8787/v1/', 'data-cdn-url': 'https://cdn.example.org' })
    expect(readConfig(tag)!.delivery.apiHost).toBe('http://127.0.0.1:8787/v1')
    expect(readCdnUrl(tag)).toBe('https://cdn.example.org')
  })

  it('fall back to the default when not one: the loader silently, the core with a warning naming the option', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const tag = script({ 'data-write-key': 'k', 'data-api-host': 'javascript:alert(1)', 'data-cdn-url': 'https://cdn.example.org' })
    expect(readConfig(tag)!.delivery.apiHost).toBe('https://api.segment.io/v1')
    expect(warn).not.toHaveBeenCalled()
    warnInvalidOptions(tag)
    expect(warn.mock.calls).toEqual([['[academy-analytics]', 'data-api-host="javascript:alert(1)" is not valid; using https://api.segment.io/v1']])
  })
})

describe('data-consent', () => {
  it('neither none nor required: the core says required is assumed', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    warnInvalidOptions(script({ 'data-write-key': 'k', 'data-consent': 'none' }))
    warnInvalidOptions(script({ 'data-write-key': 'k', 'data-consent': 'required' }))
    expect(warn).not.toHaveBeenCalled()
    warnInvalidOptions(script({ 'data-write-key': 'k', 'data-consent': 'requried' }))
    expect(warn.mock.calls).toEqual([['[academy-analytics]', 'data-consent="requried" is not valid; using required']])
  })
})
