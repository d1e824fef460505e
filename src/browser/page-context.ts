/** The page an event is captured on. */
import type { PageContext } from './commands'

/** The page context analytics-next reads (analytics-page-tools): a canonical link, when there is one, gives the URL and path. */
export function pageContext(): PageContext {
  const canonical = document.querySelector('link[rel=canonical]')?.getAttribute('href')
  let path = location.pathname
  if (canonical) {
    try {
      path = new URL(canonical).pathname
    } catch {
      path = canonical[0] === '/' ? canonical : '/' + canonical
    }
  }
  const url = canonical ? (canonical.includes('?') ? canonical : canonical + location.search) : location.href.split('#')[0]!
  return { path, referrer: document.referrer, search: location.search, title: document.title, url }
}

