// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { whenAdaArrives } from './chat'

afterEach(() => {
  Reflect.deleteProperty(window, 'adaSettings')
  Reflect.deleteProperty(window, 'adaEmbed')
})

describe('whenAdaArrives', () => {
  it('loads at once when Ada came before the tag', () => {
    window.adaEmbed = { subscribeEvent() {} }
    const load = vi.fn()
    whenAdaArrives(load)
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('loads nothing on a page without Ada, and the globals still read as absent', () => {
    const load = vi.fn()
    whenAdaArrives(load)
    expect(load).not.toHaveBeenCalled()
    expect(window.adaSettings).toBeUndefined()
    expect(window.adaSettings || 'default').toBe('default')
    expect(typeof window.adaEmbed).toBe('undefined')
  })

  it('loads once when the page assigns the settings after the tag, keeping them as a plain global', () => {
    const load = vi.fn(() => expect(window.adaSettings).toBe(settings))
    whenAdaArrives(load)
    const settings = { handle: 'academy' }
    window.adaSettings = settings
    expect(window.adaSettings).toBe(settings)
    expect(Object.getOwnPropertyDescriptor(window, 'adaSettings')).toMatchObject({ value: settings, writable: true })
    expect(window.adaEmbed).toBeUndefined()
    // Ada's script then assigns its own global: nothing is in the way, nothing loads twice.
    const embed = { subscribeEvent() {} }
    window.adaEmbed = embed
    expect(window.adaEmbed).toBe(embed)
    expect(Object.getOwnPropertyDescriptor(window, 'adaEmbed')).toMatchObject({ value: embed, writable: true })
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('lets the page define a global its own way, and leaves it alone', () => {
    const load = vi.fn()
    whenAdaArrives(load)
    Object.defineProperty(window, 'adaEmbed', { value: 'own', configurable: true, writable: false })
    expect(window.adaEmbed).toBe('own')
    window.adaSettings = {}
    expect(load).toHaveBeenCalledTimes(1)
    expect(window.adaEmbed).toBe('own')
  })
})
