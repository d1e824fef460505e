/** The tag's console voice: one prefix, so that a developer can filter on it. */
export const warn = (...message: unknown[]): void => console.warn('[academy-analytics]', ...message)

/** How a markup mistake's element is named in the console: its tag, id and analytics attributes. */
export function describe(element: Element): string {
  const attributes = [...element.attributes]
    .filter(({ name }) => name === 'id' || name.startsWith('data-analytics'))
    .map(({ name, value }) => (value ? `${name}="${value.length > 60 ? value.slice(0, 60) + '…' : value}"` : name))
  return `<${[element.tagName.toLowerCase(), ...attributes].join(' ')}>`
}
