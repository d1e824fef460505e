import type { Page } from '@playwright/test'
import { expect, summary, test, waitForEvents, type StoredEvent } from './fixtures'

/** What the visitor types, and what the stand-in bot says: none of it may reach the collector. */
const TYPED = 'My licence number is RN-55501, can I renew it?'
const TEXTS = [TYPED, 'RN-55501', 'support bot', 'support specialist']

declare global {
  interface Window {
    calls: Array<{ name: string; args: unknown[]; self: boolean }>
  }
}

/** URLs of the Ada adapter chunk that the page requests. */
function adaChunkRequests(page: Page): string[] {
  const urls: string[] = []
  page.on('request', (request) => {
    if (/\/academy-analytics-ada-[\w-]+\.js$/.test(request.url())) urls.push(request.url())
  })
  return urls
}

/** The adapter has started: it keeps `window.adaSettings` as an accessor, to wrap any settings assigned later. */
async function adapterStarted(page: Page): Promise<void> {
  await page.waitForFunction(() => typeof Object.getOwnPropertyDescriptor(window, 'adaSettings')?.get === 'function')
}

/** The visitor opens the chat, asks a question, gets the answer, minimizes, comes back, ends the chat, closes it. */
async function chat(page: Page): Promise<void> {
  await page.click('#ada-chat-button')
  await expect(page.locator('.ada-bot')).toHaveCount(1)
  await page.fill('#ada-input', TYPED)
  await page.click('#ada-send')
  await expect(page.locator('.ada-bot')).toHaveCount(2)
  await page.click('#ada-minimize')
  await page.click('#ada-chat-button')
  await page.click('#ada-end')
  await page.click('#ada-close')
}

/** The events of `chat()`, after the page view, then the known later click: nothing else in between. */
function expectChatEvents(events: StoredEvent[], path: string): void {
  const tracks = summary(events)
  const conversation = { conversation_id: (tracks[2]?.properties as { conversation_id?: string } | undefined)?.conversation_id }
  expect(conversation.conversation_id).toMatch(/^conv-/)
  expect(tracks).toEqual([
    { type: 'page', properties: expect.objectContaining({ path }) },
    { type: 'track', event: 'Chat Opened', properties: {} },
    { type: 'track', event: 'Live Chat Conversation Started', properties: conversation },
    { type: 'track', event: 'Live Chat Message Received', properties: conversation },
    { type: 'track', event: 'Live Chat Message Received', properties: conversation },
    { type: 'track', event: 'Chat Closed', properties: conversation },
    { type: 'track', event: 'Chat Opened', properties: conversation },
    { type: 'track', event: 'Live Chat Conversation Ended', properties: conversation },
    { type: 'track', event: 'Chat Closed', properties: conversation },
    { type: 'track', event: 'Forgot Password Button Clicked', properties: {} },
  ])
  const sent = JSON.stringify(events)
  for (const text of TEXTS) expect(sent).not.toContain(text)
}

/** The page's own callbacks, as `chat()` makes Ada call them: all of them, with Ada's arguments and `this`. */
async function expectPageCallbacks(page: Page): Promise<void> {
  const calls = await page.evaluate(() => window.calls)
  expect(calls).toEqual([
    { name: 'onAdaEmbedLoaded', args: [], self: true },
    { name: 'adaReadyCallback', args: [{ isRolledOut: true }], self: true },
    { name: 'toggleCallback', args: [true], self: true },
    { name: 'toggleCallback', args: [false], self: true },
    { name: 'toggleCallback', args: [true], self: true },
    {
      name: 'conversationEndCallback',
      // The page gets Ada's whole payload, transcript included; analytics never reads it.
      args: [expect.objectContaining({ chatter_id: expect.stringMatching(/^chatter-/), event_data: expect.objectContaining({ chatter_transcript: expect.stringContaining(TYPED) }) })],
      self: true,
    },
    { name: 'toggleCallback', args: [false], self: true },
  ])
}

test.describe('Chat with Chatbot (Ada)', () => {
  test('Ada loaded before the tag: open, message, close, end arrive in order, with the page callbacks still called', async ({ page, collector }) => {
    const chunks = adaChunkRequests(page)
    await page.goto('/e2e/chat-before.html')
    await adapterStarted(page)
    await chat(page)
    await page.click('#planned')
    const events = await waitForEvents(collector, 10)
    expectChatEvents(events, '/e2e/chat-before.html')
    await expectPageCallbacks(page)
    expect(chunks).toHaveLength(1)
  })

  test('Ada loaded after the tag: the settings the page assigns later are wrapped before Ada reads them', async ({ page, collector }) => {
    const chunks = adaChunkRequests(page)
    await page.goto('/e2e/chat-after.html')
    await adapterStarted(page)
    expect(await page.evaluate(() => typeof window.adaEmbed)).toBe('undefined')
    await page.click('#load-chat')
    await chat(page)
    await page.click('#planned')
    const events = await waitForEvents(collector, 10)
    expectChatEvents(events, '/e2e/chat-after.html')
    await expectPageCallbacks(page)
    expect(chunks).toHaveLength(1)
  })

  test('a page without Ada loads no Ada chunk', async ({ page, collector }) => {
    const chunks = adaChunkRequests(page)
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    await page.goto('/e2e/generic.html')
    await page.click('#planned')
    await waitForEvents(collector, 1, (e) => e.event === 'Forgot Password Button Clicked')
    expect(requests.some((url) => /\/academy-analytics-core-[\w-]+\.js$/.test(url))).toBe(true)
    expect(chunks).toEqual([])
    expect(await page.evaluate(() => [window.adaSettings, window.adaEmbed])).toEqual([undefined, undefined])
  })

  test('the demo support page: the chat events flow and the page keeps its own chat status', async ({ page, collector }) => {
    await page.goto('/support.html')
    await adapterStarted(page)
    await expect(page.locator('#chat-status')).toHaveText('Chat is available: use the "Chat with us" button.')
    await page.click('#ada-chat-button')
    await expect(page.locator('#chat-status')).toHaveText('Chat is open.')
    await page.fill('#ada-input', TYPED)
    await page.press('#ada-input', 'Enter')
    await expect(page.locator('.ada-bot')).toHaveCount(2)
    await page.click('#ada-chat-button')
    await expect(page.locator('#chat-status')).toHaveText('Chat is minimized.')
    const events = await waitForEvents(collector, 5, (e) => e.type === 'track')
    const conversation = { conversation_id: expect.stringMatching(/^conv-/) }
    expect(summary(events).map(({ event, properties }) => [event, properties])).toEqual([
      ['Chat Opened', {}],
      ['Live Chat Conversation Started', conversation],
      ['Live Chat Message Received', conversation],
      ['Live Chat Message Received', conversation],
      ['Chat Closed', conversation],
    ])
    expect(JSON.stringify(collector.events())).not.toContain('RN-55501')
  })
})
