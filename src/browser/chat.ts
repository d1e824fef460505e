/**
 * Chat with Chatbot: the watchers chunk only notices Ada's web chat, by its two globals, and then loads the adapter
 * (ada.ts, a chunk of its own). Pages without Ada pay for this file and nothing more.
 */
import { link } from './link'
import { warn } from './log'

const GLOBALS = ['adaSettings', 'adaEmbed'] as const

/**
 * Calls `load` once: now if the page already has Ada's settings or embed, else when the page (or Ada's script)
 * first assigns either. Until then each global is a configurable accessor that reads as undefined, so a page can
 * still test, assign or redefine it; an assignment turns it back into a plain global holding the value.
 */
export function whenAdaArrives(load: () => void): void {
  if (GLOBALS.some((name) => name in window)) return load()
  let loading = false
  for (const name of GLOBALS) {
    Object.defineProperty(window, name, {
      configurable: true,
      get: () => undefined,
      set(value) {
        Object.defineProperty(window, name, { value, writable: true, enumerable: true, configurable: true })
        if (!loading) {
          loading = true
          load()
        }
      },
    })
  }
}

/** Loads the Ada adapter when Ada shows up, handing it the command queue. */
export function startChat(): void {
  whenAdaArrives(() => {
    import('./ada')
      .then((module) => module.start(link.send))
      .catch((error: unknown) => warn('the chat adapter could not load; chat events on this page are not sent', error))
  })
}
