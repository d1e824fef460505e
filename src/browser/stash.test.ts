// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import type { Queued } from './commands'
import { addToStash, readStash, takeStash } from './stash'

const page = { path: '/catalog', referrer: '', search: '', title: 'Catalog', url: 'https://academy.example/catalog' }
const clicked = (id: string, at: number, from?: typeof page): Queued => [{ type: 'track', event: 'Promotion Clicked', properties: { promotion_id: id } }, at, from]
/** The same, as a page kept it in the stash. */
const kept = (id: string, at: number) => clicked(id, at, page)
const ids = (queue: Queued[]) => queue.map(([command]) => (command.type === 'track' ? command.properties.promotion_id : command.type))

describe('takeStash', () => {
  beforeEach(() => localStorage.clear())

  it("puts what earlier pages left before this page's commands, oldest first, and forgets it", () => {
    const now = Date.now()
    addToStash('key', [kept('a', now - 2000)])
    addToStash('key', [kept('b', now - 1000)])
    const queue = [clicked('here', now)]
    takeStash('key', queue, false)
    expect(ids(queue)).toEqual(['a', 'b', 'here'])
    expect(queue[0]![2]).toEqual(page)
    expect(readStash('key')).toEqual([])
  })

  it('takes a command once: a copy kept at a click on a link, by a page that then stayed, is not sent again', () => {
    const now = Date.now()
    const queue = [clicked('early', now - 500), clicked('here', now - 100)]
    // Two clicks on links kept copies of what was queued, then the page stayed; an earlier page left 'a'.
    addToStash('key', [kept('a', now - 5000)])
    addToStash('key', [kept('early', now - 500)])
    addToStash('key', queue.map(([command, at]) => [command, at, page]))
    takeStash('key', queue, false)
    expect(ids(queue)).toEqual(['a', 'early', 'here'])
  })

  it('drops what is over a day old, and all of it once analytics has been withdrawn', () => {
    const now = Date.now()
    addToStash('key', [kept('old', now - 86_400_001), kept('recent', now - 1000)])
    const queue: Queued[] = []
    takeStash('key', queue, false)
    expect(ids(queue)).toEqual(['recent'])
    addToStash('key', [kept('recent', now - 1000)])
    const withdrawn: Queued[] = []
    takeStash('key', withdrawn, true)
    expect(withdrawn).toEqual([])
    expect(readStash('key')).toEqual([])
  })
})
