import { globSync } from 'tinyglobby'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { expect, test } from './fixtures'

const root = join(import.meta.dirname, '..')

/** The built command line, as `npx academy-analytics` runs it. */
function academyAnalytics(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin/academy-analytics.mjs'), ...args], { cwd: root, encoding: 'utf8' })
  return { status: run.status, stdout: run.stdout.split('\n').filter(Boolean), stderr: run.stderr }
}

test('a typo in an attribute is caught by the linter and outlined on the page in debug mode', async ({ page, collector }) => {
  const linted = academyAnalytics('lint', 'e2e/pages/debug.html')
  expect(linted.status).toBe(1)
  expect(linted.stdout).toContain('e2e/pages/debug.html:22:21 unknown attribute data-analytics-evnt (did you mean data-analytics-event?)')

  await page.goto('/e2e/debug.html?analytics_debug=1')
  await collector.expectEvent('Page View', { path: '/e2e/debug.html' })
  const outline = page.locator('academy-analytics-debug .box').filter({ hasText: 'unknown attribute data-analytics-evnt (did you mean data-analytics-event?)' })
  await expect(outline).toBeVisible()
  expect(await outline.boundingBox()).toEqual(await page.locator('#typo').boundingBox())
})

test('the built linter exits with 1 on the broken fixtures, 0 on the demo site, 2 on a wrong command', () => {
  const broken = academyAnalytics('lint', 'src/lint/fixtures/*')
  expect(broken.status).toBe(1)
  expect(broken.stdout).toHaveLength(46)
  expect(broken.stdout.every((line) => /^src\/lint\/fixtures\/[\w-]+\.jspf?:\d+:\d+ \S/.test(line))).toBe(true)
  expect(broken.stderr).toBe('46 problems in 8 of 9 files\n')
  const pages = globSync(['index.html', 'public/**/*.html'], { cwd: root }).length
  expect(academyAnalytics('lint', 'index.html', 'public/**/*.html')).toEqual({ status: 0, stdout: [], stderr: `${pages} files checked, no problems\n` })
  expect(academyAnalytics('lnt').status).toBe(2)
})
