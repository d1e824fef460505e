export * from './schema'
export * from './events'
export * from './validate'
export * from './privacy'
