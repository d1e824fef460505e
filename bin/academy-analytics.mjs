#!/usr/bin/env node
// The command-line tools, run from the build in lib/ (`npm run build:lib`, which `npm ci` and `npm pack` run too).
import { main } from '../lib/cli.js'

// Output piped into a command that stops reading early (`| head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error
})
process.exitCode = await main(process.argv.slice(2))
