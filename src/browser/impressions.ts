/**
 * Impressions: one IntersectionObserver for the page, shared by everything that is reported when seen (view
 * triggers here; product lists, carts, product details and promotions in products.ts and promotions.ts). Each kind
 * watches its elements with its own sighting; an element can be of two kinds. "Once per page view" starts over for
 * a page restored from the back/forward cache (`restartImpressions`).
 */
import { EVENT, declaredEvent, isIgnored, triggerOf } from './attributes'
import { link } from './link'
import { onAdded, onRemoved, rescan } from './markup'
import { later } from './later'
import { warn } from './log'

/** What a kind of element does when the observer reports on one of them. */
export type Sighting = (entry: IntersectionObserverEntry) => void

let observer: IntersectionObserver
let sightings = new WeakMap<Element, Set<Sighting>>()
const restarts: Array<() => void> = []
let seen = new WeakSet<Element>()

export function watch(element: Element, sighting: Sighting): void {
  let set = sightings.get(element)
  if (!set) sightings.set(element, (set = new Set()))
  set.add(sighting)
  observer.observe(element)
}

export function unwatch(element: Element, sighting: Sighting): void {
  const set = sightings.get(element)
  set?.delete(sighting)
  if (!set?.size) observer.unobserve(element)
}

/** `reset` forgets what a kind reported: it runs when a page restored from the back/forward cache is a new page view. */
export function onRestart(reset: () => void): void {
  restarts.push(reset)
}

/**
 * Sightings are handled in slices of about this many ms: scrolling fast through a catalog reports many lists and
 * promotions at once, and reading a list's hundred products takes a while. The rest waits for the next task.
 */
const SLICE_MS = 8
let sighted: IntersectionObserverEntry[] = []
let scheduled = false

function onIntersection(entries: IntersectionObserverEntry[]): void {
  sighted.push(...entries)
  if (!scheduled) handleSightings()
}

/**
 * The clock is read every fourth sighting: reading it for each was a tenth of the tag's scripting while scrolling
 * (most sightings are a promotion going by, a few µs). A slice may then run three list reports over its 8 ms.
 */
const CLOCK_EVERY = 4

function handleSightings(): void {
  const until = performance.now() + SLICE_MS
  let done = 0
  while (done < sighted.length && (done % CLOCK_EVERY || performance.now() < until)) {
    const entry = sighted[done++]!
    for (const sighting of sightings.get(entry.target) ?? []) {
      try {
        sighting(entry)
      } catch (error) {
        warn(error)
      }
    }
  }
  sighted = sighted.slice(done)
  scheduled = sighted.length > 0
  if (scheduled) later(handleSightings)
}

/** The `view` trigger: any part of the element in the viewport. */
function viewed(entry: IntersectionObserverEntry): void {
  if (!entry.isIntersecting) return
  seen.add(entry.target)
  unwatch(entry.target, viewed)
  link.send(declaredEvent(entry.target))
}

export function restartImpressions(): void {
  observer.disconnect()
  sighted = []
  sightings = new WeakMap()
  seen = new WeakSet()
  for (const reset of restarts) reset()
  rescan()
}

/**
 * In a top-level page the root is its document, named: it sees what the implicit root sees there (the viewport),
 * but Chromium updates such an observer at about half the cost in every frame of a scroll (2,000 promotions
 * scrolled through: 11 ms against 21, whatever the thresholds; 1 or 22 cost the same). In a frame the root stays
 * implicit: what counts is the screen, and a frame scrolled out of the page shows nothing (e2e/commerce.spec.ts).
 */
const root = () => (window.top === window ? document : null)

/**
 * Thresholds every 5% and at the impression threshold: a promotion larger than the viewport can never show that
 * share of itself, so promotions.ts also measures the share of the viewport it covers, which needs the steps.
 */
export function startImpressions(impressionThreshold: number): void {
  // A loop, not Array.from({ length: 21 }, …): MooTools' Array.from ignores the map function.
  const threshold = [impressionThreshold]
  for (let step = 0; step <= 20; step++) threshold.push(step / 20)
  observer = new IntersectionObserver(onIntersection, { threshold, root: root() })
  onAdded((element) => {
    if (!seen.has(element) && element.hasAttribute(EVENT) && triggerOf(element) === 'view' && !isIgnored(element)) watch(element, viewed)
  })
  // Removed elements are let go of: nothing keeps them alive, whatever kinds watched them.
  onRemoved((element) => {
    observer.unobserve(element)
    sightings.delete(element)
  })
}
