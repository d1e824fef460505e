/**
 * The stash: commands a page left before its SDK had loaded (sdk.ts keeps them in localStorage, with the page they
 * were captured on), which the next page of the site sends first. The loader writes it; the core takes it.
 */
import type { Queued } from './commands'

export const stashKey = (writeKey: string): string => 'academy-analytics:pending:' + writeKey

/**
 * Puts what earlier pages left at the head of `queue`, and forgets it: but what is over a day old, and all of it
 * when analytics has been withdrawn since (`withdrawn`).
 */
export function takeStash(writeKey: string, queue: Queued[], withdrawn: boolean): void {
  try {
    const earlier: Queued[] = JSON.parse(localStorage.getItem(stashKey(writeKey)) || '[]')
    localStorage.removeItem(stashKey(writeKey))
    if (!withdrawn) queue.unshift(...earlier.filter(([, at]) => Date.now() - at < 86_400_000))
  } catch {
    // Nothing kept, or storage unreadable.
  }
}
