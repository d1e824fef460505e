// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { STARTED_KEY, start } from './ada'
import type { Command } from './commands'

type Handler = (data: unknown, context: unknown) => void
type Settings = Record<string, unknown>

/** A fake of Ada's embed: the subscribeEvent surface, and a way to publish events. */
function fakeEmbed() {
  const subscriptions: Array<[string, Handler]> = []
  return {
    subscriptions,
    subscribeEvent: vi.fn((key: string, handler: Handler) => {
      subscriptions.push([key, handler])
      return Promise.resolve(subscriptions.length)
    }),
    publish(key: string, data?: unknown) {
      for (const [subscribed, handler] of subscriptions) if (subscribed === key) handler(data, { eventKey: key })
    },
  }
}

/** Ada calling a settings callback, as it reads it from the settings object. */
function ada(settings: unknown, name: string, ...args: unknown[]): unknown {
  const callback = (settings as Settings)[name] as (...a: unknown[]) => unknown
  return callback.apply(settings, args)
}

let sent: Command[]
const send = (command: Command) => sent.push(command)
const tracked = () => sent.map((c) => (c.type === 'track' ? [c.event, c.properties] : [c.type]))

beforeEach(() => {
  sent = []
  localStorage.clear()
})

afterEach(() => {
  delete window.adaSettings
  delete window.adaEmbed
  vi.restoreAllMocks()
})

describe('the page callbacks', () => {
  it('still run, with their arguments and `this`, and their result goes back to Ada', () => {
    const calls: unknown[] = []
    const settings: Settings = {
      handle: 'academy',
      toggleCallback(this: unknown, open: boolean) {
        calls.push(['toggle', open, this === settings])
        return 'toggled'
      },
      adaReadyCallback: (info: unknown) => calls.push(['ready', info]),
    }
    window.adaSettings = settings
    start(send)
    expect(ada(settings, 'toggleCallback', true)).toBe('toggled')
    ada(settings, 'adaReadyCallback', { isRolledOut: true })
    expect(calls).toEqual([['toggle', true, true], ['ready', { isRolledOut: true }]])
    expect(settings.handle).toBe('academy')
    expect(tracked()).toEqual([['Chat Opened', {}]])
  })

  it("let the page's exception reach Ada unchanged, after the event is recorded", () => {
    const failure = new Error('page bug')
    const settings = {
      toggleCallback: () => {
        throw failure
      },
    }
    window.adaSettings = settings
    start(send)
    expect(() => ada(settings, 'toggleCallback', true)).toThrow(failure)
    expect(tracked()).toEqual([['Chat Opened', {}]])
  })

  it('are called when the page sets them after the tag, or replaces the whole settings object', () => {
    const calls: string[] = []
    const first: Settings = {}
    window.adaSettings = first
    start(send)
    first.toggleCallback = () => calls.push('first')
    ada(first, 'toggleCallback', true)
    const second: Settings = { toggleCallback: () => calls.push('second') }
    window.adaSettings = second
    expect(window.adaSettings).toBe(second)
    ada(second, 'toggleCallback', false)
    expect(calls).toEqual(['first', 'second'])
    expect(tracked()).toEqual([['Chat Opened', {}], ['Chat Closed', {}]])
  })

  it('are visible to Ada when it copies the settings (an object spread reads our functions)', () => {
    const settings: Settings = { toggleCallback: vi.fn() }
    window.adaSettings = settings
    start(send)
    const copy = { ...settings }
    ada(copy, 'toggleCallback', true)
    expect(tracked()).toEqual([['Chat Opened', {}]])
  })

  it('leave a frozen settings object alone', () => {
    const toggleCallback = vi.fn()
    const settings = Object.freeze({ toggleCallback })
    window.adaSettings = settings
    expect(() => start(send)).not.toThrow()
    expect(settings.toggleCallback).toBe(toggleCallback)
  })
})

describe('the events', () => {
  function withAda() {
    const embed = fakeEmbed()
    const settings: Settings = {}
    window.adaSettings = settings
    window.adaEmbed = embed
    start(send)
    return { embed, settings }
  }

  it('subscribes to the conversation events once, whichever signal comes first', () => {
    const { embed, settings } = withAda()
    ada(settings, 'onAdaEmbedLoaded')
    ada(settings, 'adaReadyCallback', { isRolledOut: true })
    expect(embed.subscribeEvent.mock.calls.map(([key]) => key)).toEqual([
      'ada:conversation:message',
      'ada:end_conversation',
      'ada:minimize_chat',
      'ada:close_chat',
    ])
  })

  it('subscribes when Ada arrives after the adapter (onAdaEmbedLoaded)', () => {
    const settings: Settings = {}
    window.adaSettings = settings
    start(send)
    const embed = fakeEmbed()
    window.adaEmbed = embed
    ada(settings, 'onAdaEmbedLoaded')
    expect(embed.subscribeEvent).toHaveBeenCalledTimes(4)
  })

  it('maps a whole chat: open, messages, close, end, with the conversation id and never a text', () => {
    const { embed, settings } = withAda()
    ada(settings, 'toggleCallback', true)
    embed.publish('ada:conversation:message', { author: 'bot', conversation_id: 'c-1', message_id: 'm-1', text: 'Hello, visitor' })
    embed.publish('ada:conversation:message', { author: 'end_user', conversation_id: 'c-1', message_id: 'm-2' })
    embed.publish('ada:conversation:message', { author: 'agent', conversation_id: 'c-1', message_id: 'm-3' })
    ada(settings, 'toggleCallback', false)
    embed.publish('ada:minimize_chat', { conversation_id: 'c-1', is_engaged: true })
    ada(settings, 'toggleCallback', true)
    embed.publish('ada:end_conversation', { chatter_id: 'ch-1', event_data: { chatter_transcript: 'Bot: Hello, visitor' } })
    ada(settings, 'conversationEndCallback', { chatter_id: 'ch-1', event_data: { chatter_transcript: 'Bot: Hello, visitor' } })
    embed.publish('ada:close_chat', { conversation_id: 'c-1', is_engaged: true })
    ada(settings, 'toggleCallback', false)
    const id = { conversation_id: 'c-1' }
    expect(tracked()).toEqual([
      ['Chat Opened', {}],
      ['Live Chat Conversation Started', id],
      ['Live Chat Message Received', id],
      ['Live Chat Message Received', id],
      ['Chat Closed', id],
      ['Chat Opened', id],
      ['Live Chat Conversation Ended', id],
      ['Chat Closed', id],
    ])
    expect(JSON.stringify(sent)).not.toContain('Hello')
  })

  it('starts a conversation once, also across pages, and again for a new one', () => {
    const first = withAda()
    first.embed.publish('ada:conversation:message', { author: 'bot', conversation_id: 'c-1' })
    expect(localStorage.getItem(STARTED_KEY)).toBe('c-1')
    delete window.adaSettings
    const next = withAda() // the next page, where Ada goes on with the same conversation
    next.embed.publish('ada:conversation:message', { author: 'bot', conversation_id: 'c-1' })
    next.embed.publish('ada:end_conversation', {})
    next.embed.publish('ada:conversation:message', { author: 'bot', conversation_id: 'c-2' })
    const id = (conversation_id: string) => ({ conversation_id })
    expect(tracked()).toEqual([
      ['Live Chat Conversation Started', id('c-1')],
      ['Live Chat Message Received', id('c-1')],
      ['Live Chat Message Received', id('c-1')],
      ['Live Chat Conversation Ended', id('c-1')],
      ['Live Chat Conversation Started', id('c-2')],
      ['Live Chat Message Received', id('c-2')],
    ])
  })

  it('ignores a close when the drawer is already closed, and an end already reported', () => {
    const { embed, settings } = withAda()
    embed.publish('ada:close_chat', { conversation_id: 'c-9', is_engaged: false })
    ada(settings, 'toggleCallback', false)
    ada(settings, 'conversationEndCallback', {})
    embed.publish('ada:end_conversation', {})
    expect(tracked()).toEqual([
      ['Chat Closed', { conversation_id: 'c-9' }],
      ['Live Chat Conversation Ended', { conversation_id: 'c-9' }],
    ])
  })

  it('never throws into Ada, whatever it sends or does', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const embed = {
      subscribeEvent: vi.fn((key: string, handler: Handler) => {
        if (key === 'ada:end_conversation') throw new Error('not supported')
        handler(null, undefined)
        handler(undefined, undefined)
        handler('text', undefined)
        return Promise.reject(new Error('no subscriptions'))
      }),
    }
    window.adaEmbed = embed
    expect(() => start(send)).not.toThrow()
    expect(embed.subscribeEvent).toHaveBeenCalledTimes(4)
    expect(warn).toHaveBeenCalledWith('[academy-analytics] could not read an Ada chat event', expect.any(Error))
  })

  it('works without storage', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new Error('blocked')
    })
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('blocked')
    })
    const { embed } = withAda()
    embed.publish('ada:conversation:message', { author: 'bot', conversation_id: 'c-1' })
    embed.publish('ada:conversation:message', { author: 'bot', conversation_id: 'c-1' })
    expect(tracked().map(([event]) => event)).toEqual([
      'Live Chat Conversation Started',
      'Live Chat Message Received',
      'Live Chat Message Received',
    ])
  })
})
