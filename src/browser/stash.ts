/**
 * The stash: commands a page left before its SDK had loaded (sdk.ts keeps them in localStorage, with the page they
 * were captured on), which the next page of the site sends first. The loader writes it; the core takes it.
 */
import type { Queued } from './commands'

const key = (writeKey: string) => 'academy-analytics:pending:' + writeKey

/** What earlier pages of the site left for this one, oldest first; none when storage is unreadable. */
export function readStash(writeKey: string): Queued[] {
  try {
    return JSON.parse(localStorage.getItem(key(writeKey)) || '[]')
  } catch {
    return []
  }
}

/** Adds commands to those kept for the next page of the site (the last 100). */
export function addToStash(writeKey: string, commands: Queued[]): void {
  try {
    localStorage.setItem(key(writeKey), JSON.stringify([...readStash(writeKey), ...commands].slice(-100)))
  } catch {
    // No storage (disabled, full): these events go with the page.
  }
}

/** A command as the stash keeps it: the same command captured at the same time is the same. */
const identity = ([command, at]: Queued) => JSON.stringify([{ ...command, source: undefined }, at])

/**
 * Puts what earlier pages left at the head of `queue`, and forgets it: but what is over a day old, and all of it
 * when analytics has been withdrawn since (`withdrawn`). A command is taken once: a page that kept a copy at a click
 * on a link and then stayed (`stashPending`) has it both in the stash and in `queue`.
 */
export function takeStash(writeKey: string, queue: Queued[], withdrawn: boolean): void {
  const earlier = readStash(writeKey)
  try {
    localStorage.removeItem(key(writeKey))
  } catch {
    // Storage unreadable: nothing was kept.
  }
  if (withdrawn) return
  const seen = new Set(queue.map(identity))
  const fresh = (queued: Queued) => {
    const id = identity(queued)
    return Date.now() - queued[1] < 86_400_000 && !seen.has(id) && !!seen.add(id)
  }
  queue.unshift(...earlier.filter(fresh))
}
