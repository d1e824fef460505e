import { describe, expect, it } from 'vitest'
import { Context, type Analytics, type SegmentEvent } from '@segment/analytics-next'
import { takeOverDelivery, withinLimit } from './delivery'

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length
const product = (i: number) => ({ product_id: `P-${i}`, name: 'A course with a long enough name '.repeat(4), position: i + 1 })

describe('withinLimit', () => {
  it('sends properties that fit as they are', () => {
    const properties = { list_id: 'l', products: [product(0)] }
    expect(withinLimit(properties)).toEqual([properties])
  })

  it("splits a list of products too long for Segment's 32 KB into events that fit, in order, with the same other properties", () => {
    const products = Array.from({ length: 500 }, (_, i) => product(i))
    const parts = withinLimit({ list_id: 'catalog', category: 'Nursing', products })
    expect(parts.length).toBeGreaterThan(1)
    for (const part of parts) {
      expect(bytes(part)).toBeLessThanOrEqual(28 * 1024)
      expect(part).toMatchObject({ list_id: 'catalog', category: 'Nursing' })
    }
    expect(parts.flatMap((part) => part.products as unknown[])).toEqual(products)
  })

  it('refuses what cannot be split to fit', () => {
    expect(withinLimit({ promotion_id: 'p', name: 'x'.repeat(40_000) })).toEqual([])
    expect(withinLimit({ list_id: 'l', products: [{ product_id: 'P', name: 'x'.repeat(40_000) }] })).toEqual([])
  })
})

describe('takeOverDelivery', () => {
  /** analytics-next with its Segment.io destination, whose requests stay in flight until `answer()`. */
  function destination(request = { keepalive: true }) {
    const sent: string[] = []
    // The messageIds sent with keepalive.
    const keptAlive: string[] = []
    const answers: Array<() => void> = []
    const plugin = {
      name: 'Segment.io',
      track: (ctx: { event: { messageId?: string } }) => {
        sent.push(ctx.event.messageId!)
        if (request.keepalive) keptAlive.push(ctx.event.messageId!)
        return new Promise((resolve) => answers.push(() => resolve(ctx)))
      },
    }
    const analytics = { queue: { plugins: [plugin], queue: [], flush: () => undefined } } as unknown as Analytics
    return { analytics, plugin, sent, keptAlive, answer: () => answers.shift()?.() }
  }
  const event = (i: number) => ({ type: 'track', event: 'Promotion Clicked', properties: { promotion_id: `p-${i}` }, messageId: `m-${i}` })
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0))

  it('sends 16 requests at a time while the page is shown, the rest in order as answers come', async () => {
    const { analytics, sent, answer } = destination()
    const delivery = takeOverDelivery(analytics, { keepalive: true })
    for (let i = 0; i < 40; i++) delivery.resend(event(i))
    expect(sent).toEqual(Array.from({ length: 16 }, (_, i) => `m-${i}`))
    answer()
    answer()
    await settled()
    expect(sent).toEqual(Array.from({ length: 18 }, (_, i) => `m-${i}`))
  })

  it('sends all it holds at once when the page is being hidden or left', () => {
    const { analytics, sent } = destination()
    const delivery = takeOverDelivery(analytics, { keepalive: true })
    for (let i = 0; i < 40; i++) delivery.resend(event(i))
    delivery.leaving(true)
    expect(sent).toEqual(Array.from({ length: 40 }, (_, i) => `m-${i}`))
    delivery.resend(event(40))
    expect(sent).toHaveLength(41)
  })

  it("keeps half the keepalive budget for this page's own events: replays of earlier pages' cannot take it all", () => {
    const request = { keepalive: true }
    const { analytics, plugin, keptAlive } = destination(request)
    const delivery = takeOverDelivery(analytics, request)
    delivery.leaving(true)
    // 2 KB events: the SDK's retry queue replays 60 kept by earlier pages through the destination, then this page's own.
    const large = (i: number) => ({ ...event(i), properties: { promotion_id: `p-${i}`, name: 'x'.repeat(1000) } })
    for (let i = 0; i < 60; i++) void plugin.track(new Context(large(i) as SegmentEvent))
    const replays = keptAlive.length
    expect(replays).toBeGreaterThan(0)
    expect(replays * 2048).toBeLessThanOrEqual(30 * 1024)
    for (let i = 60; i < 70; i++) delivery.resend(large(i))
    expect(keptAlive.slice(replays)).toEqual(Array.from({ length: 10 }, (_, i) => `m-${60 + i}`))
  })
})
