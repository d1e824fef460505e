import base from './vite.config'
import { mergeConfig, type Plugin } from 'vite'
import { fileURLToPath } from 'node:url'
const fromSource: Plugin = {
  name: 'from-source',
  enforce: 'pre',
  resolveId(id) {
    const m = /^@segment\/(analytics-next|analytics-core|analytics-generic-utils)$/.exec(id)
    if (m) return fileURLToPath(new URL(`./node_modules/@segment/${m[1]}/${m[1] === "analytics-next" ? "src/browser/index.ts" : "src/index.ts"}`, import.meta.url))
    return undefined
  },
}
export default mergeConfig(base, { plugins: [fromSource] })
