/** The tag's console voice: one prefix, so that a developer can filter on it. */
export const warn = (...message: unknown[]): void => console.warn('[academy-analytics]', ...message)
