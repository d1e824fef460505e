/**
 * The page's URLs and title, scrubbed: the loader's page view (`page-view.ts`) and the core's last enrichment
 * (`scrub.ts`) both run this, so a page call is scrubbed by the same rules whichever sends it.
 */
import { scrubEmails, scrubUrl } from '../plan/privacy'

/** URL, path, search and referrer lose secret parameters and e-mail addresses; the title loses e-mail addresses. */
export function scrubPage(page: Record<string, unknown> | undefined, secret: ReadonlySet<string>): void {
  if (!page) return
  for (const key of ['url', 'path', 'search', 'referrer']) {
    if (typeof page[key] === 'string') page[key] = scrubUrl(page[key], secret)
  }
  if (typeof page.title === 'string') page.title = scrubEmails(page.title)
}
