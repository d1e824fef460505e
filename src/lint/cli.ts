/**
 * `academy-analytics lint <globs…>`: checks the data-analytics-* attributes of JSP and HTML files. One line per
 * problem, `file:line:col message`; exit code 1 when there is any, 2 when the command is wrong or no file matches.
 * Run by bin/academy-analytics.mjs from the build in lib/.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { glob } from 'tinyglobby'
import { check } from '../check/cli'
import { lintSource } from './lint'

const USAGE = `Usage: academy-analytics lint <file or glob>...

Checks the data-analytics-* attributes of JSP and HTML files against the attribute contract and the
tracking plan. Prints one line per problem (file:line:col message) and exits with 1 if there is any.
Quote globs so that the shell does not expand them: academy-analytics lint 'src/main/webapp/**/*.jsp'
Also: academy-analytics check <file.ndjson>... checks events against the tracking plan (check --help).`

interface Output {
  write(text: string): unknown
}

export async function main(args: readonly string[], out: Output = process.stdout, err: Output = process.stderr, cwd = process.cwd()): Promise<number> {
  const [command, ...patterns] = args
  if (command === 'check') return check(patterns, out, err, cwd)
  if (command === '--help' || command === '-h' || command === 'help') {
    out.write(USAGE + '\n')
    return 0
  }
  if (command !== 'lint' || patterns.length === 0) {
    err.write(USAGE + '\n')
    return 2
  }
  const files = (await glob([...patterns], { cwd, ignore: ['**/node_modules/**'] })).sort()
  if (files.length === 0) {
    err.write(`academy-analytics lint: no file matches ${patterns.join(' ')}\n`)
    return 2
  }
  let count = 0
  let withProblems = 0
  for (const file of files) {
    const problems = lintSource(await readFile(resolve(cwd, file), 'utf8'))
    for (const { line, column, message } of problems) out.write(`${file}:${line}:${column} ${message}\n`)
    count += problems.length
    if (problems.length) withProblems++
  }
  const checked = `${files.length} file${files.length === 1 ? '' : 's'} checked`
  err.write(count ? `${count} problem${count === 1 ? '' : 's'} in ${withProblems} of ${checked.replace(' checked', '')}\n` : `${checked}, no problems\n`)
  return count ? 1 : 0
}
