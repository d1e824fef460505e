import type { Command, Core, Queued, StartCore } from './commands'
import type { Config } from './config'
import { choice, sending, waiting } from './consent'
import { warn } from './log'
import { pageContext } from './page-context'
import { addToStash } from './stash'

/** The loader's only link to the SDK: commands queue here until the core chunk has loaded, then flow in order. */

/** The core, once it has loaded. */
export let core: Core | undefined
let timer = 0
let loading: Promise<boolean> | undefined
const pending: Queued[] = []

/** What a page holds in memory while the visitor has not chosen (`data-consent="required"`); later ones are dropped. */
const HELD = 100

/**
 * Queues a command. Listeners call this on the hot path, so it only records; the SDK work runs in a
 * later task (or at once on pagehide, see `flush`).
 */
export function send(command: Command): void {
  if (waiting() ? pending.length >= HELD : !sending()) return
  if (pending.push([command, Date.now(), undefined, choice]) === HELD && waiting()) warn(HELD, 'events wait for consent: later ones are not kept')
  if (core && !timer) flushLater()
}

/**
 * A consent choice was made. What was captured before any choice takes it; if events may not leave, what is held
 * is dropped, and a visitor who withdraws loses the identity (as `reset()`: cookies and localStorage). (The stash
 * of an earlier page is the core's: `takeStash` drops it if analytics was withdrawn by then.)
 */
export function consentChanged(wasSending: boolean): void {
  for (const entry of pending) entry[3] ??= choice
  if (sending()) {
    if (core && !timer) flushLater()
    return
  }
  pending.length = 0
  if (wasSending) void loading?.then(() => core?.handle({ type: 'reset' }, Date.now()))
}

const flushLater = () => (timer = window.setTimeout(flush, 0))

/**
 * Hands the queued commands to the core (no-op until it has loaded): all of them when the page is going away
 * (`all`), else for a slice of time, the rest in a later task.
 */
export function flush(all?: boolean): void {
  clearTimeout(timer)
  timer = 0
  if (core?.take(pending, all)) flushLater()
}

/** The queued commands already in the stash: each is kept there once, whatever the clicks on links. */
const stashed = new WeakSet<Queued>()

/**
 * The page is going away before the SDK has loaded (a quick click on a link): its commands are kept in
 * localStorage, with the page they belong to, and the next page of the site sends them first. `copy`: the page may
 * yet stay (see `departing`), so they stay queued here as well; the core sends each command once (`takeStash`).
 */
export function stashPending(writeKey: string, copy?: boolean): void {
  if (core || !sending()) return
  const commands = (copy ? pending.slice() : pending.splice(0)).filter((queued) => !stashed.has(queued) && stashed.add(queued))
  if (!commands.length) return
  const page = pageContext()
  addToStash(writeKey, commands.map(([command, at, from, consent]) => [{ ...command, source: undefined }, at, from ?? page, consent]))
}

/** Imports a lazily loaded entry, found beside the script itself (so `dist/` can be served from any path). */
export const loadChunk = <T>(config: Config, file: string): Promise<T> => import(/* @vite-ignore */ new URL(file, config.scriptUrl).href)

/**
 * Loads the core chunk once `after` has settled (the loader's own page view answered): nothing competes with that.
 * Resolves once the SDK is ready (false if it could not load).
 */
export function loadCore(config: Config, file: string, after: Promise<unknown>): Promise<boolean> {
  return (loading = after
    .then(() => loadChunk<{ start: StartCore }>(config, file))
    .then((module) => module.start(config, () => choice, pending))
    .then((loaded) => {
      core = loaded
      // The rest in a task of its own: the SDK's start-up is long enough on a cold cache.
      flushLater()
      return true
    })
    .catch((error: unknown) => {
      warn('the analytics SDK could not load; events on this page are not sent', error)
      return false
    }))
}
