/**
 * The watchers: what watches the page rather than the visitor, a chunk the loader starts with the core, once its
 * page view has been answered (so the loader stays small: every visitor downloads it before the first event).
 * They follow tracked markup as scripts change it (the `load` triggers of what is inserted, product positions, then
 * the elements impressions watch) and notice Ada's chat. What cannot wait is the loader's: a visitor's actions
 * (clicks, submits, leaving the page) and the load triggers of the page as parsed (loads.ts).
 */
import { EVENT, ON, triggerOf } from './attributes'
import { startChat } from './chat'
import type { Config } from './config'
import { connect, link, type Link } from './link'
import { warn } from './log'
import { onAdded, startMarkup } from './markup'
import { startPositions } from './positions'

export type StartWatchers = (loader: Link, config: Config) => void

/** Elements whose `data-analytics-on` is none of the four triggers, reported once. */
const misdeclared = new WeakSet<Element>()

export const start: StartWatchers = (loader, config) => {
  connect(loader)
  onAdded((element) => {
    link.sendLoad(element)
    if (element.hasAttribute(EVENT) && !triggerOf(element) && !misdeclared.has(element)) {
      misdeclared.add(element)
      const message = `data-analytics-on="${element.getAttribute(ON)}" is not click, submit, load or view; the element sends nothing`
      link.send({ type: 'warning', message, source: element })
    }
  })
  startPositions()
  startMarkup()
  startChat()
  void startViews(config)
}

/**
 * Impressions, a chunk of their own, start once the SDK has answered: what is in view now is still in view a
 * moment later. (Started as soon as the SDK was ready, a click leaving the page at that moment was seen to lose its
 * event on the old-library pages of e2e/libraries.spec.ts, one run in a few; why is not known yet.)
 */
async function startViews(config: Config): Promise<void> {
  try {
    if (!(await link.answered)) return
    const views = await import('./views')
    views.start(config)
  } catch (error) {
    warn('impressions could not load; view events on this page are not sent', error)
  }
}
