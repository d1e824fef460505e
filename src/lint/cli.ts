/**
 * `academy-analytics lint <globs…> [--web-root <folder>]`: checks the data-analytics-* attributes of JSP and HTML
 * files, each page as it is served (its static includes followed), and the options on the tag's script tag. One
 * line per problem, `file:line:col message`, in the file that holds the attribute; an include that cannot be
 * followed is a `warning:` line. Exit code 1 when there is any problem (warnings alone: 0), 2 when the command is
 * wrong or no file matches.
 * Run by bin/academy-analytics.mjs from the build in lib/.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { glob } from 'tinyglobby'
import { check } from '../check/cli'
import { lintFile, type FileProblem } from './lint'

const USAGE = `Usage: academy-analytics lint <file or glob>... [--web-root <folder>]

Checks the data-analytics-* attributes of JSP and HTML files, and the options on the tag's script tag,
against the attribute contract and the tracking plan, each page with the files it includes
(<%@ include file="…" %>, <jsp:include page="…">).
Prints one line per problem (file:line:col message) and exits with 1 if there is any.
--web-root <folder>: where includes that start with / are found (the web application's root).
Quote globs so that the shell does not expand them:
academy-analytics lint 'src/main/webapp/**/*.jsp' --web-root src/main/webapp
Also: academy-analytics check <file.ndjson>... checks events against the tracking plan (check --help).`

interface Output {
  write(text: string): unknown
}

/** The options before the globs: `--web-root <folder>` or `--web-root=<folder>`; undefined when they are wrong. */
function options(args: readonly string[]): { webRoot?: string; patterns: string[] } | undefined {
  const patterns: string[] = []
  let webRoot: string | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--web-root' || arg.startsWith('--web-root=')) {
      webRoot = arg === '--web-root' ? args[++i] : arg.slice('--web-root='.length)
      if (!webRoot) return undefined
    } else patterns.push(arg)
  }
  return { webRoot, patterns }
}

export async function main(args: readonly string[], out: Output = process.stdout, err: Output = process.stderr, cwd = process.cwd()): Promise<number> {
  const [command, ...rest] = args
  if (command === 'check') return check(rest, out, err, cwd)
  if (command === '--help' || command === '-h' || command === 'help') {
    out.write(USAGE + '\n')
    return 0
  }
  const parsed = command === 'lint' ? options(rest) : undefined
  if (!parsed?.patterns.length) {
    err.write(USAGE + '\n')
    return 2
  }
  const files = (await glob(parsed.patterns, { cwd, ignore: ['**/node_modules/**'] })).sort()
  if (files.length === 0) {
    err.write(`academy-analytics lint: no file matches ${parsed.patterns.join(' ')}\n`)
    return 2
  }
  // Read once: a header included by every page is read once.
  const texts = new Map<string, string | undefined>()
  const read = (file: string) => {
    if (!texts.has(file)) {
      try {
        texts.set(file, readFileSync(resolve(cwd, file), 'utf8'))
      } catch {
        texts.set(file, undefined)
      }
    }
    return texts.get(file)
  }
  // An included file's problem is met from every page that includes it: reported once.
  const found = new Map<string, FileProblem>()
  for (const file of files) {
    for (const problem of lintFile(file, { read, webRoot: parsed.webRoot })) {
      const key = problem.key ?? `${problem.file}:${problem.line}:${problem.column} ${problem.message}`
      if (!found.has(key)) found.set(key, problem)
    }
  }
  const all = [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column))
  for (const { file, line, column, message, warning } of all) out.write(`${file}:${line}:${column} ${warning ? 'warning: ' : ''}${message}\n`)
  const problems = all.filter((p) => !p.warning)
  const warnings = all.length - problems.length
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const checked = plural(files.length, 'file')
  const withProblems = new Set(problems.map((p) => p.file)).size
  const summary = problems.length ? `${plural(problems.length, 'problem')} in ${withProblems} of ${checked}` : `${checked} checked, no problems`
  err.write(summary + (warnings ? `, ${plural(warnings, 'warning')}` : '') + '\n')
  return problems.length ? 1 : 0
}
