/** Small helpers shared by the CLI entry points (cli.ts, start.ts). */

/** Reads a port from the environment; exits with a clear message when it is not a valid port. */
export function envPort(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${name}=${raw} is not a valid port number (0-65535).`)
    process.exit(1)
  }
  return port
}

/** Turns a listen() failure into a message that says which environment variable to set. */
export function describeListenError(err: unknown, what: string, port: number, envName: string): string {
  const code = (err as { code?: string } | null)?.code
  if (code === 'EADDRINUSE') {
    return `Cannot start the ${what}: port ${port} is already in use. Stop the other process or set ${envName}, e.g. ${envName}=${port + 1}.`
  }
  if (code === 'EACCES') {
    return `Cannot start the ${what}: no permission to listen on port ${port}. Set ${envName} to a port above 1024.`
  }
  return `Cannot start the ${what}: ${err instanceof Error ? err.message : String(err)}`
}

/** Runs `close` once on SIGINT/SIGTERM, then exits; a second signal exits at once. */
export function onShutdown(close: () => Promise<unknown>): void {
  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(130)
    stopping = true
    console.log(`\n${signal}: shutting down…`)
    const force = setTimeout(() => process.exit(1), 3000)
    force.unref()
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
