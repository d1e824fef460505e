/**
 * The lazily loaded impressions (views.ts) reach the loader only through this link: the loader owns the one
 * command queue, the one MutationObserver and the positions products take in their lists, and hands them over
 * when it starts the chunk.
 */
import type { Command } from './commands'

type Visitor = (element: Element) => void

export interface Link {
  send(command: Command): void
  onAdded(visit: Visitor): void
  onRemoved(visit: Visitor): void
  /** Visits the whole page again. */
  rescan(): void
  /** `restart` runs when a page restored from the back/forward cache is a new page view. */
  onRestart(restart: () => void): void
  /** Products as the loader reads them, with the positions it keeps current. */
  productOf(element: Element): Record<string, unknown>
  productDetailOf(element: Element): Record<string, unknown>
}

export let link: Link

export function connect(loader: Link): void {
  link = loader
}
