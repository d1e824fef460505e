import type { Command, Core, StartCore } from './commands'
import type { Config } from './config'

/** The loader's only link to the SDK: commands queue here until the core chunk has loaded, then flow in order. */
let core: Core | undefined
let timer = 0
const pending: Array<[Command, number]> = []

/**
 * Queues a command. Listeners call this on the hot path, so it only records; the SDK work runs in a
 * later task (or at once on pagehide, see `flush`).
 */
export function send(command: Command): void {
  pending.push([command, Date.now()])
  if (core && !timer) timer = window.setTimeout(flush, 0)
}

/** Hands every queued command to the core now (no-op until it has loaded). */
export function flush(): void {
  clearTimeout(timer)
  timer = 0
  if (!core) return
  for (let next = pending.shift(); next; next = pending.shift()) {
    const [command, at] = next
    try {
      core.handle(command, at)
    } catch (error) {
      console.warn('[academy-analytics] could not send', command, error)
    }
  }
}

export function currentCore(): Core | undefined {
  return core
}

/** Loads the core chunk, found beside the script itself, and resolves once the SDK is ready (false if it could not load). */
export function loadCore(config: Config, file: string): Promise<boolean> {
  return import(/* @vite-ignore */ new URL(file, config.scriptUrl).href)
    .then((module: { start: StartCore }) => module.start(config))
    .then((loaded) => {
      core = loaded
      flush()
      return true
    })
    .catch((error: unknown) => {
      console.warn('[academy-analytics] the analytics SDK could not load; events on this page are not sent', error)
      return false
    })
}
