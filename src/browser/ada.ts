/**
 * Chat with Chatbot: the adapter for Ada's web chat (its legacy Chat web SDK, "Embed2"), lazily loaded by chat.ts
 * when the page has Ada. It forwards the drawer toggles and the conversation events as the plan's chat events.
 *
 * The Ada API it relies on, and nothing else:
 * - the `window.adaSettings` callbacks `toggleCallback(isDrawerOpen)`, `conversationEndCallback(event)`,
 *   `adaReadyCallback(info)` and `onAdaEmbedLoaded()`, wrapped so that the page's own still run;
 * - `window.adaEmbed.subscribeEvent(key, callback)` for `ada:conversation:message` ({ author, conversation_id,
 *   message_id }), `ada:end_conversation`, `ada:minimize_chat` and `ada:close_chat` ({ conversation_id, … }).
 * It reads conversation ids and message authors only: never a message's text, never a transcript.
 * Ada is replacing this SDK with its Messaging SDK; this file is the one to replace then.
 */
import type { Command } from './commands'

declare global {
  interface Window {
    adaSettings?: unknown
    adaEmbed?: unknown
  }
}

export type StartAda = (send: (command: Command) => void) => void

type Callback = (this: unknown, ...args: unknown[]) => unknown
type Payload = { conversation_id?: unknown; author?: unknown } | undefined

const CALLBACKS = ['toggleCallback', 'conversationEndCallback', 'adaReadyCallback', 'onAdaEmbedLoaded'] as const
/** The last conversation whose start was sent: an Ada conversation goes on across pages, and starts once. */
export const STARTED_KEY = 'academy-analytics:ada-conversation'

const warn = (error: unknown) => console.warn('[academy-analytics] could not read an Ada chat event', error)

/** `handler` as Ada may call it: whatever it is given, nothing is thrown back into Ada. */
function guarded<A extends unknown[]>(handler: (...args: A) => void) {
  return (...args: A) => {
    try {
      handler(...args)
    } catch (error) {
      warn(error)
    }
  }
}

export const start: StartAda = (send) => {
  let conversationId: string | undefined
  let drawerOpen: boolean | undefined
  let ended = false
  let subscribed = false
  let started: string | null = null
  try {
    started = localStorage.getItem(STARTED_KEY)
  } catch {
    // Storage blocked: conversations are told apart on this page only.
  }

  const track = (event: string) =>
    send({ type: 'track', event, properties: conversationId ? { conversation_id: conversationId } : {} })

  function learn(data: Payload): void {
    const id = data?.conversation_id
    if (typeof id === 'string' && id) conversationId = id
  }

  // toggleCallback and ada:minimize_chat / ada:close_chat report the same close: one event per change of state.
  function drawer(open: boolean): void {
    if (drawerOpen === open) return
    drawerOpen = open
    track(open ? 'Chat Opened' : 'Chat Closed')
  }

  // Ada reports the messages the visitor receives (from the bot or an agent). One the visitor wrote (author
  // `end_user`, the visitor's role in Ada's Conversations API) is not received: it only tells the conversation.
  function message(data: Payload): void {
    learn(data)
    if (data?.author === 'end_user') return
    // A conversation starts with its first message: the bot's greeting, or its first answer.
    if (conversationId && conversationId !== started) {
      started = conversationId
      try {
        localStorage.setItem(STARTED_KEY, started)
      } catch {
        // as above
      }
      track('Live Chat Conversation Started')
    }
    ended = false
    track('Live Chat Message Received')
  }

  // conversationEndCallback and ada:end_conversation report the same end (their payloads hold the transcript:
  // they are not read).
  function conversationEnded(): void {
    if (ended) return
    ended = true
    track('Live Chat Conversation Ended')
  }

  const closed = (data: Payload) => {
    learn(data)
    drawer(false)
  }
  const events: Record<string, (data: Payload) => void> = {
    'ada:conversation:message': message,
    'ada:end_conversation': conversationEnded,
    'ada:minimize_chat': closed,
    'ada:close_chat': closed,
  }

  // Once per page: Ada's loader queues calls made before its embed is ready and replays them on it.
  function subscribe(): void {
    const embed = window.adaEmbed as { subscribeEvent?: (key: string, callback: (data: Payload) => void) => unknown } | undefined
    if (subscribed || typeof embed?.subscribeEvent !== 'function') return
    subscribed = true
    for (const [key, handler] of Object.entries(events)) {
      try {
        // It returns a promise of the subscription id: a rejection must not surface in the page.
        Promise.resolve(embed.subscribeEvent(key, guarded(handler))).catch(warn)
      } catch (error) {
        warn(error)
      }
    }
  }

  const observe = guarded((name: (typeof CALLBACKS)[number], args: unknown[]) => {
    if (name === 'toggleCallback') drawer(args[0] === true)
    else if (name === 'conversationEndCallback') conversationEnded()
    // adaReadyCallback, onAdaEmbedLoaded: adaEmbed exists now.
    else subscribe()
  })

  const wrapped = new WeakSet<object>()
  /**
   * Turns each callback of a settings object into an accessor: Ada reads our function, which records the call and
   * then calls the page's own with the same `this` and arguments, returning its result (and letting its exception
   * reach Ada unchanged). A callback the page assigns later is kept and called the same way.
   */
  const wrap = guarded((settings: unknown) => {
    if (typeof settings !== 'object' || !settings || wrapped.has(settings)) return
    wrapped.add(settings)
    for (const name of CALLBACKS) {
      let own = (settings as Record<string, unknown>)[name]
      const callback: Callback = function (...args) {
        observe(name, args)
        return typeof own === 'function' ? (own as Callback).apply(this, args) : undefined
      }
      try {
        Object.defineProperty(settings, name, { configurable: true, enumerable: true, get: () => callback, set: (value) => (own = value) })
      } catch {
        // A frozen settings object: left as the page made it.
      }
    }
  })

  // The page may assign a new settings object later (before Ada reads it): wrap that one too.
  let settings = window.adaSettings
  try {
    Object.defineProperty(window, 'adaSettings', {
      configurable: true,
      enumerable: true,
      get: () => settings,
      set(value) {
        settings = value
        wrap(value)
      },
    })
  } catch {
    // A global the page declared with `var` before the tag cannot be redefined: its current object is still wrapped.
  }
  wrap(settings)
  subscribe()
}
