/**
 * `academy-analytics check <file.ndjson…>` (`-` for standard input): checks files of events against the tracking
 * plan. One line per violation, `file:line: event: violation`; exit code 1 when an event is bad, 2 when the command
 * is wrong or a file cannot be read. Gzipped files (Segment's S3 archives) are read as they are.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { checkText } from './check'

const USAGE = `Usage: academy-analytics check <file.ndjson>... (- for standard input)

Checks events, one JSON event a line (the collector's .collector/events.ndjson, or events exported from
Segment), against the tracking plan, and its order rule: an Identify before the Track of each row that has
one. Prints one line per violation (file:line: event: violation) and exits with 1 if an event is bad.`

interface Output {
  write(text: string): unknown
}

async function readAll(stream: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks)
}

const text = (bytes: Buffer): string => (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8')

export async function check(
  files: readonly string[],
  out: Output = process.stdout,
  err: Output = process.stderr,
  cwd = process.cwd(),
  stdin: AsyncIterable<Buffer | string> | Iterable<Buffer | string> = process.stdin,
): Promise<number> {
  if (files[0] === '--help' || files[0] === '-h') {
    out.write(USAGE + '\n')
    return 0
  }
  if (files.length === 0) {
    err.write(USAGE + '\n')
    return 2
  }
  let events = 0
  let bad = 0
  for (const file of files) {
    let result
    try {
      result = checkText(text(file === '-' ? await readAll(stdin) : await readFile(resolve(cwd, file))))
    } catch (error) {
      err.write(`academy-analytics check: cannot read ${file}: ${(error as Error).message}\n`)
      return 2
    }
    const name = file === '-' ? '(stdin)' : file
    for (const { line, event, message } of result.problems) out.write(`${name}:${line}: ${event ? `${event}: ` : ''}${message}\n`)
    events += result.events
    bad += result.bad
  }
  err.write(`${events} event${events === 1 ? '' : 's'} checked, ${bad ? `${bad} bad` : 'all good'}\n`)
  return bad ? 1 : 0
}
