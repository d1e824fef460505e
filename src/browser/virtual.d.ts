/** The hashed file names of the entries the loader imports, given to it by the build (vite.config.ts). */
declare module 'virtual:entries' {
  export const core: string
  export const watchers: string
}
