/** The file name of the core chunk, hashed, given to the loader by the build (vite.config.ts). */
declare module 'virtual:core-file' {
  const file: string
  export default file
}
