/**
 * The lazily loaded chunks that follow the page (watchers.ts, and the impressions it starts: views.ts) reach the
 * loader only through this link: the loader owns the one command queue, the `load` triggers it has sent and the
 * positions products take in their lists, and hands them over when it starts the watchers.
 */
import type { Command } from './commands'

export interface Link {
  send(command: Command): void
  /** `restart` runs when a page restored from the back/forward cache is a new page view. */
  onRestart(restart: () => void): void
  /** Sends an element's `load` trigger, once (the loader visited the page as parsed: loads.ts). */
  sendLoad(element: Element): void
  /** Products as the loader reads them, with the positions it keeps current. */
  productOf(element: Element): Record<string, unknown>
  /** Products were added or removed: positions are numbered again when next needed. */
  forgetPositions(): void
  /** True once the SDK has answered the page's first event (or a while after it loaded); false if it did not load. */
  answered: Promise<boolean>
}

export let link: Link

export function connect(loader: Link): void {
  link = loader
}
