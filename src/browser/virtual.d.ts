/** The hashed file names of the lazily loaded entries, given to the loader by the build (vite.config.ts). */
declare module 'virtual:entries' {
  export const core: string
  export const ada: string
  export const views: string
}
