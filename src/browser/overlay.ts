/**
 * The debug overlay. core.ts imports this chunk only in debug mode, so the normal path carries none of it.
 * A panel lists every event the tag sends with its properties, every plan violation, and the markup problems of
 * the page (the linter's rules, src/plan/markup.ts, over the live DOM, so also elements that never fire); boxes
 * outline the elements concerned. All of it sits in a shadow root, so the page's CSS and the overlay's never meet,
 * and the boxes are drawn in the overlay's own layer from getBoundingClientRect (layout reads, debug mode only)
 * rather than by styling the page's elements.
 */
import { checkElement, type Attributes } from '../plan/markup'
import type { Dispatched } from './commands'
import { describe } from './log'
import { replacedBuiltins } from './replaced'

const EVENT = 'academy-analytics:event'
const VIOLATION = 'academy-analytics:violation'
/** Entries the panel keeps; older ones scroll out. */
const MAX_ENTRIES = 300

const CSS = `
.layer { position: fixed; inset: 0; pointer-events: none; overflow: hidden; }
.box { position: fixed; box-sizing: border-box; border: 2px solid #d92d20; background: rgba(217, 45, 32, 0.07); border-radius: 3px; }
.box.flash { background: rgba(217, 45, 32, 0.28); }
.box span { position: absolute; left: -2px; bottom: 100%; max-width: max(calc(100% + 4px), 180px); box-sizing: border-box; padding: 1px 6px; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; background: #d92d20; color: #fff; font: 600 11px/16px system-ui, sans-serif;
  border-radius: 3px 3px 0 0; }
.box.below span { bottom: auto; top: 100%; border-radius: 0 0 3px 3px; }
.panel { position: fixed; left: 12px; bottom: 12px; width: min(440px, calc(100vw - 24px)); max-height: min(60vh, 560px);
  display: flex; flex-direction: column; pointer-events: auto; box-sizing: border-box; background: #fff; color: #1d2330;
  border: 1px solid #c9ced8; border-radius: 8px; box-shadow: 0 8px 28px rgba(16, 24, 40, 0.22);
  font: 12px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left; overflow: hidden; }
header { display: flex; align-items: center; gap: 8px; padding: 7px 8px 7px 12px; background: #1d2330; color: #fff; }
header strong { font-size: 13px; }
header .counts { flex: 1; color: #b8c0cc; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
button { font: inherit; color: inherit; cursor: pointer; }
.close { border: 0; background: none; color: #fff; font-size: 18px; line-height: 1; padding: 2px 6px; border-radius: 4px; }
.close:hover, .close:focus-visible { background: rgba(255, 255, 255, 0.16); }
nav { display: flex; border-bottom: 1px solid #dde1e8; background: #f7f8fa; }
nav button { flex: 1; border: 0; border-bottom: 2px solid transparent; background: none; padding: 6px; color: #667085; }
nav button[aria-selected="true"] { color: #1d2330; border-bottom-color: #2f5fd0; font-weight: 600; }
ol { list-style: none; margin: 0; padding: 0; overflow: auto; }
ol[hidden] { display: none; }
li { padding: 7px 12px; border-bottom: 1px solid #eef0f4; }
li.empty { color: #667085; }
.name { font-weight: 600; }
.kind { margin-left: 6px; padding: 0 5px; border-radius: 3px; background: #eef2fb; color: #2f5fd0; font-size: 11px; font-weight: 500; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; margin: 4px 0 0; font: 11px/1.5 ui-monospace, Menlo, Consolas, monospace; }
dt { color: #667085; }
dd { margin: 0; word-break: break-all; }
.none { color: #667085; margin-top: 2px; }
li.violation { background: #fef3f2; color: #912018; }
li.violation .name::before, li.problem .name::before { content: "\\26A0\\FE0E  "; }
li.problem { cursor: pointer; }
li.problem:hover { background: #fef3f2; }
li.problem .name { font: 11px/1.5 ui-monospace, Menlo, Consolas, monospace; color: #912018; word-break: break-all; }
li.problem ul { margin: 2px 0 0; padding-left: 16px; }
li.problem li { padding: 1px 0; border: 0; }
.where { color: #667085; font: 11px/1.5 ui-monospace, Menlo, Consolas, monospace; word-break: break-all; }
.hidden-note { color: #667085; font-style: italic; }
`

let current: { remove(): void } | undefined
let closed = false

// Once, when debug mode is first on: what old libraries of the page replaced, for a developer wondering why
// events go missing.
for (const note of replacedBuiltins()) console.warn('[academy-analytics]', note)

/** Shows the overlay (with what was dispatched so far) or removes it. Once closed, it stays closed for the page view. */
export function setOverlay(on: boolean, history: readonly Dispatched[]): void {
  if (!on) {
    current?.remove()
    current = undefined
  } else if (!current && !closed) {
    current = createOverlay(history)
  }
}

/** An element's data-* attributes, or undefined when it has none. */
function dataAttributes(element: Element): Attributes | undefined {
  let attributes: Record<string, string> | undefined
  for (const { name, value } of element.attributes) {
    if (name.startsWith('data-')) (attributes ??= {})[name] = value
  }
  return attributes
}

function ancestorsOf(element: Element): Attributes[] {
  const ancestors: Attributes[] = []
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    const attributes = dataAttributes(parent)
    if (attributes) ancestors.push(attributes)
  }
  return ancestors
}

/** The markup problems of the page, by element. */
function scan(): Map<Element, string[]> {
  const found = new Map<Element, string[]>()
  for (const element of document.documentElement.getElementsByTagName('*')) {
    const attributes = dataAttributes(element)
    const problems = attributes ? checkElement(attributes, ancestorsOf(element)) : []
    if (problems.length) found.set(element, problems.map((p) => p.message))
  }
  return found
}

const show = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value))

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  if (className) element.className = className
  if (text !== undefined) element.textContent = text
  return element
}

function createOverlay(history: readonly Dispatched[]): { remove(): void } {
  const host = document.createElement('academy-analytics-debug')
  // Inline and important: no rule of the page can hide, move or restyle the host, nor pass it inherited styles.
  host.style.cssText =
    'all: initial !important; display: block !important; position: fixed !important; inset: 0 !important; ' +
    'z-index: 2147483647 !important; pointer-events: none !important;'
  const root = host.attachShadow({ mode: 'open' })
  const sheet = new CSSStyleSheet()
  sheet.replaceSync(CSS)
  root.adoptedStyleSheets = [sheet]

  const layer = el('div', 'layer')
  const panel = el('section', 'panel')
  panel.setAttribute('aria-label', 'academy-analytics debug')
  const header = el('header')
  const counts = el('span', 'counts')
  const close = el('button', 'close', '\u00d7')
  close.title = 'Close (for this page view)'
  close.setAttribute('aria-label', 'Close the analytics debug panel')
  header.append(el('strong', '', 'academy-analytics'), counts, close)
  const tabs = el('nav')
  tabs.setAttribute('role', 'tablist')
  const eventsTab = el('button')
  const markupTab = el('button')
  const eventsList = el('ol', 'events')
  const markupList = el('ol', 'markup')
  for (const [tab, list] of [[eventsTab, eventsList], [markupTab, markupList]] as const) {
    tab.setAttribute('role', 'tab')
    tab.addEventListener('click', () => select(tab === eventsTab))
    list.setAttribute('role', 'tabpanel')
  }
  tabs.append(eventsTab, markupTab)
  panel.append(header, tabs, eventsList, markupList)
  root.append(layer, panel)

  let sent = 0
  let violations = 0
  let markup = new Map<Element, string[]>()
  /** Violations whose source is an element: outlined like markup problems, until the element leaves the page. */
  const runtime = new Map<Element, Set<string>>()

  function select(events: boolean): void {
    eventsTab.setAttribute('aria-selected', String(events))
    markupTab.setAttribute('aria-selected', String(!events))
    eventsList.hidden = !events
    markupList.hidden = events
  }

  function updateCounts(): void {
    const outlined = outlinedElements().length
    counts.textContent = `${sent} sent \u00b7 ${violations} violation${violations === 1 ? '' : 's'} \u00b7 ${outlined} outlined`
    eventsTab.textContent = `Events (${sent + violations})`
    markupTab.textContent = `Markup (${markup.size})`
  }

  function addEntry(entry: HTMLLIElement): void {
    eventsList.querySelector('.empty')?.remove()
    eventsList.prepend(entry)
    while (eventsList.children.length > MAX_ENTRIES) eventsList.lastElementChild?.remove()
  }

  function onEvent(detail: unknown): void {
    const { type, event, properties } = (detail ?? {}) as { type?: string; event?: string; properties?: Record<string, unknown> }
    const entry = el('li', 'event')
    const name = el('div', 'name', String(event ?? type))
    name.append(el('span', 'kind', String(type)))
    entry.append(name)
    const keys = properties ? Object.keys(properties) : []
    if (keys.length) {
      const list = el('dl')
      for (const key of keys) list.append(el('dt', '', key), el('dd', '', show(properties![key])))
      entry.append(list)
    } else entry.append(el('div', 'none', 'no properties'))
    sent++
    addEntry(entry)
    updateCounts()
  }

  function onViolation(detail: unknown): void {
    const { message, source } = (detail ?? {}) as { message?: string; source?: unknown }
    const entry = el('li', 'violation')
    entry.append(el('div', 'name', 'violation'), el('div', '', String(message)))
    if (source instanceof Element) {
      entry.append(el('div', 'where', 'on ' + describe(source)))
      entry.addEventListener('click', () => reveal(source))
      entry.style.cursor = 'pointer'
      const messages = runtime.get(source) ?? new Set()
      runtime.set(source, messages.add(String(message)))
      schedule()
    }
    violations++
    addEntry(entry)
    updateCounts()
  }

  const listeners: Array<[string, EventListener]> = [
    [EVENT, (e) => onEvent((e as CustomEvent).detail)],
    [VIOLATION, (e) => onViolation((e as CustomEvent).detail)],
  ]

  function messagesOf(element: Element): string[] {
    return [...new Set([...(markup.get(element) ?? []), ...(runtime.get(element) ?? [])])]
  }

  function outlinedElements(): Element[] {
    return [...new Set([...markup.keys(), ...runtime.keys()])].filter((element) => element.isConnected)
  }

  function renderMarkup(): void {
    markupList.replaceChildren()
    for (const [element, messages] of markup) {
      const entry = el('li', 'problem')
      entry.append(el('div', 'name', describe(element)))
      const list = el('ul')
      for (const message of messages) list.append(el('li', '', message))
      entry.append(list)
      if (element.getClientRects().length === 0) entry.append(el('div', 'hidden-note', 'not displayed at the moment'))
      entry.addEventListener('click', () => reveal(element))
      markupList.append(entry)
    }
    if (!markup.size) markupList.append(el('li', 'empty', 'No markup problems on this page.'))
  }

  const boxes = new Map<Element, HTMLDivElement>()
  let frame = 0
  let flashing: Element | undefined
  // Layout also moves without a mutation (an image or a font loads): resizes of the page or an outlined element redraw.
  const resizes = new ResizeObserver(() => schedule())

  function schedule(): void {
    frame ||= requestAnimationFrame(draw)
  }

  function draw(): void {
    frame = 0
    const elements = outlinedElements()
    for (const [element, box] of boxes) {
      if (!elements.includes(element)) {
        box.remove()
        boxes.delete(element)
        resizes.unobserve(element)
      }
    }
    for (const element of elements) {
      let box = boxes.get(element)
      if (!box) {
        box = el('div', 'box')
        box.append(el('span'))
        boxes.set(element, box)
        layer.append(box)
        resizes.observe(element)
      }
      const messages = messagesOf(element)
      box.title = messages.join('\n')
      box.firstElementChild!.textContent = messages[0] + (messages.length > 1 ? ` (+${messages.length - 1})` : '')
      const rect = element.getBoundingClientRect()
      box.hidden = rect.width === 0 && rect.height === 0
      box.style.cssText = `left: ${rect.left}px; top: ${rect.top}px; width: ${rect.width}px; height: ${rect.height}px;`
      box.classList.toggle('below', rect.top < 18)
      box.classList.toggle('flash', element === flashing)
    }
    updateCounts()
  }

  function reveal(element: Element): void {
    element.scrollIntoView({ block: 'center', behavior: 'smooth' })
    flashing = element
    schedule()
    setTimeout(() => {
      if (flashing === element) flashing = undefined
      schedule()
    }, 1200)
  }

  let rescanning = 0
  function rescan(): void {
    rescanning = 0
    markup = scan()
    renderMarkup()
    schedule()
  }
  // Markup changes call for a new scan; any other change (a class, a style) may move the outlined elements.
  const observer = new MutationObserver((records) => {
    if (records.some((r) => r.type === 'childList' || r.attributeName?.startsWith('data-'))) rescanning ||= requestAnimationFrame(rescan)
    else schedule()
  })

  close.addEventListener('click', () => {
    closed = true
    setOverlay(false, [])
  })

  eventsList.append(el('li', 'empty', 'No events yet.'))
  for (const [type, detail] of history) (type === EVENT ? onEvent : onViolation)(detail)
  for (const [type, listener] of listeners) document.addEventListener(type, listener)
  addEventListener('scroll', schedule, { capture: true, passive: true })
  addEventListener('resize', schedule, { passive: true })
  resizes.observe(document.documentElement)
  observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true })
  select(true)
  rescan()
  document.documentElement.append(host)

  return {
    remove() {
      for (const [type, listener] of listeners) document.removeEventListener(type, listener)
      removeEventListener('scroll', schedule, { capture: true })
      removeEventListener('resize', schedule)
      observer.disconnect()
      resizes.disconnect()
      cancelAnimationFrame(frame)
      cancelAnimationFrame(rescanning)
      host.remove()
    },
  }
}
