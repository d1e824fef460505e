import { defineConfig } from '@playwright/test'

/**
 * End-to-end tests drive the built tag (dist/) in Debian's Chromium against the real collector over HTTP.
 * Each worker starts its own collector and demo site on free ports (e2e/fixtures.ts), so workers never share events.
 */
export default defineConfig({
  testDir: 'e2e',
  // Timing tests run last and alone, once everything else has passed.
  projects: [
    { name: 'e2e', testIgnore: '**/perf.spec.ts' },
    { name: 'perf', testMatch: '**/perf.spec.ts', dependencies: ['e2e'] },
  ],
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
    },
    trace: 'retain-on-failure',
  },
})
