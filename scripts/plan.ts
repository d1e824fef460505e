/**
 * `npm run plan:docs` writes docs/tracking-plan.md; `npm run plan:export` writes docs/tracking-plan.rules.json
 * (Segment Protocols rules). Both come from src/plan/; src/plan/export.test.ts fails when they are not current.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { trackingPlanMarkdown, trackingPlanRules } from '../src/plan/export'

export const DOCS = join(import.meta.dirname, '..', 'docs')
export const files = {
  docs: { path: join(DOCS, 'tracking-plan.md'), generate: trackingPlanMarkdown },
  export: { path: join(DOCS, 'tracking-plan.rules.json'), generate: () => JSON.stringify(trackingPlanRules(), null, 2) + '\n' },
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const which = process.argv[2] as keyof typeof files
  const file = files[which]
  if (!file) {
    console.error(`usage: tsx scripts/plan.ts ${Object.keys(files).join('|')}`)
    process.exit(2)
  }
  mkdirSync(DOCS, { recursive: true })
  writeFileSync(file.path, file.generate())
  console.log(`wrote ${file.path}`)
}
