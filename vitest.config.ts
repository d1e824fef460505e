import { defineConfig } from 'vitest/config'

// Unit tests sit beside the code they test; the end-to-end suite (e2e/) is Playwright's.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'collector/**/*.test.ts', 'scripts/**/*.test.ts'],
  },
})
