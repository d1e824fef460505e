/**
 * The Academy's server flows for the demo site, wired to the server-side emitter (src/server): sign up, sign in,
 * sign out, profile (details, password, card), licences, cart, checkout and order. Each flow does what the
 * Academy's Java server does and sends the same server events, so a whole journey shows client and server events
 * interleaving in the live panel.
 *
 * Routes for startSite's `extraRoutes`. Forms post, the server answers 303 (post/redirect/get). Pages that show
 * server data are the templates in public/ with `{{name}}` slots. State lives in memory; the session is a plain
 * `academy_user` cookie holding the user id: a demo, not a login system.
 */
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { anonymousIdFromCookie, createServerAnalytics, type Licence, type Visitor } from '../src/server/index.ts'
import { renderPage, type Route } from './demo-server.ts'

export interface FlowsOptions {
  collectorUrl: string // where the server events go, e.g. http://127.0.0.1:8787
  writeKey?: string // default demo-write-key
  root?: string // repo root (for public/), default resolved from this file
}

export interface Flows {
  routes: Route[]
  /** The signed-in user's id, from the session cookie: startSite's `userIdOf`, so every page renders it. */
  userIdOf(req: IncomingMessage): string | undefined
  /** Flushes the server events still queued. */
  close(): Promise<void>
}

interface Account {
  userId: string
  email: string
  first_name: string
  last_name: string
  phone?: string
  company_name?: string
  password: string // a hash
  credit_card?: { last4: string; expiry: string }
  licenses: Licence[]
}

interface Line {
  product_id: string
  quantity: number
}

interface Order {
  order_id: string
  total: number
  count: number
}

/** The demo catalog (public/catalog.html shows the same courses). */
const COURSES: Record<string, { sku: string; name: string; price: number }> = Object.fromEntries(
  (
    [
      ['P-1001', 'Wound Care Essentials', 49.99],
      ['P-1002', 'Sepsis Early Recognition', 39.99],
      ['P-1003', 'Pain Management', 29.99],
      ['P-1004', 'Infection Control', 34.99],
      ['P-1005', 'Diabetes Care Update', 44.99],
      ['P-1006', 'Cardiac Monitoring', 54.99],
      ['P-1007', 'Medication Safety', 24.99],
      ['P-1008', 'Pediatric Assessment', 39.99],
      ['P-1009', 'Stroke Care', 44.99],
      ['P-1010', 'Palliative Care Basics', 29.99],
      ['P-1011', 'Respiratory Therapy', 49.99],
      ['P-1012', 'Ethics in Nursing', 19.99],
      ['P-1013', 'Mental Health First Aid', 34.99],
      ['P-1014', 'Geriatric Nursing', 39.99],
      ['P-1015', 'Emergency Triage', 54.99],
      ['P-1016', 'Patient Education', 24.99],
    ] as const
  ).map(([id, name, price]) => [id, { sku: id.replace('P-', 'CE-'), name, price }]),
)

const DEMO_ACCOUNT = { email: 'ann@example.org', password: 'academy' }
const SESSION = 'academy_user'
const CART = 'academy_cart'
const MAX_BODY = 16 * 1024

const hash = (password: string): string => createHash('sha256').update('demo-salt:' + password).digest('hex')
const money = (n: number): number => Math.round(n * 100) / 100
const shortId = (): string => randomUUID().slice(0, 8).toUpperCase()

export function academyFlows(options: FlowsOptions): Flows {
  const root = path.resolve(options.root ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'))
  const collectorUrl = options.collectorUrl.replace(/\/+$/, '')
  // Short batches and a short interval, so events show in the live panel at once.
  const analytics = createServerAnalytics({ writeKey: options.writeKey ?? 'demo-write-key', host: collectorUrl, flushAt: 20, flushIntervalMs: 200 })

  const accounts = new Map<string, Account>()
  const carts = new Map<string, Line[]>()
  const checkouts = new Map<string, { checkout_id: string; order_id: string }>()
  const orders = new Map<string, Order>()
  accounts.set('U-1001', {
    userId: 'U-1001',
    email: DEMO_ACCOUNT.email,
    first_name: 'Ann',
    last_name: 'Lee',
    phone: '+1 (919) 555-0100',
    company_name: 'Wake Med',
    password: hash(DEMO_ACCOUNT.password),
    credit_card: { last4: '4242', expiry: '12/27' },
    licenses: sampleLicences('448812'),
  })

  // ------------------------------------------------------------------ request helpers

  const account = (req: IncomingMessage): Account | undefined => accounts.get(cookie(req, SESSION) ?? '')
  /** The ids of the visitor: the signed-in user's, and the browser's anonymous id from the tag's cookie. */
  const visitor = (req: IncomingMessage): Visitor =>
    ({ userId: account(req)?.userId, anonymousId: anonymousIdFromCookie(req.headers.cookie) }) as Visitor
  /**
   * The browser's anonymous id for the events of a sign-in (or sign-up) as `userId`. When the session still holds
   * another user (a shared computer, no logout), that id is the other person's visit: the events go without it, and
   * the tag, seeing another user in data-user-id, starts a new anonymous id for this one (contract §4).
   */
  const anonymousIdAt = (req: IncomingMessage, userId: string): string | undefined => {
    const previous = account(req)?.userId
    return previous && previous !== userId ? undefined : anonymousIdFromCookie(req.headers.cookie)
  }
  const cartOf = (req: IncomingMessage) => {
    const id = cookie(req, CART)
    return id && carts.has(id) ? { id, lines: carts.get(id)! } : undefined
  }
  const product = (req: IncomingMessage, line: Line, position?: number) => {
    const course = COURSES[line.product_id]!
    return {
      product_id: line.product_id,
      sku: course.sku,
      name: course.name,
      category: 'Nursing CE',
      brand: 'Relias',
      price: course.price,
      quantity: line.quantity,
      ...(position ? { position } : {}),
      url: `http://${req.headers.host}/product.html?id=${line.product_id}`,
    }
  }
  const subtotal = (lines: Line[]) => money(lines.reduce((sum, l) => sum + COURSES[l.product_id]!.price * l.quantity, 0))

  async function page(req: IncomingMessage, res: ServerResponse, name: string, slots: Record<string, string>): Promise<true> {
    let html = await fs.readFile(path.join(root, 'public', name), 'utf8')
    // Slots last: a user's own data never passes for the template's expressions.
    html = renderPage(html, collectorUrl, account(req)?.userId).replace(/\{\{(\w+)\}\}/g, (_, key: string) => slots[key] ?? '')
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
    res.end(html)
    return true
  }

  // ------------------------------------------------------------------ flows

  const posts: Record<string, (req: IncomingMessage, res: ServerResponse, form: Form) => void> = {
    '/account/sign-up'(req, res, form) {
      const email = form.get('email').toLowerCase()
      const details = { email, first_name: form.get('first_name'), last_name: form.get('last_name') }
      if (!details.email || !details.first_name || !details.last_name || !form.get('password')) return redirect(res, '/signup.html?error=missing')
      if ([...accounts.values()].some((a) => a.email === email)) return redirect(res, '/signup.html?error=taken')
      const userId = `U-${shortId()}`
      accounts.set(userId, { userId, ...details, password: hash(form.get('password')), licenses: sampleLicences(userId.slice(2)) })
      analytics.userSignedUp({ userId, anonymousId: anonymousIdAt(req, userId), traits: details })
      redirect(res, '/profile.html', session(userId))
    },
    '/account/sign-in'(req, res, form) {
      const email = form.get('email').toLowerCase()
      const user = [...accounts.values()].find((a) => a.email === email && a.password === hash(form.get('password')))
      if (!user) return redirect(res, '/login.html?error=1')
      analytics.userSignedIn({ userId: user.userId, anonymousId: anonymousIdAt(req, user.userId), traits: { email: user.email } })
      redirect(res, '/profile.html', session(user.userId))
    },
    '/account/details'(req, res, form) {
      const user = account(req)
      if (!user) return redirect(res, '/login.html')
      const before = { ...user }
      for (const key of ['email', 'first_name', 'last_name'] as const) user[key] = form.get(key) || user[key]
      user.phone = form.get('phone') || undefined
      user.company_name = form.get('company_name') || undefined
      analytics.userUpdatedProfile({ userId: user.userId, anonymousId: anonymousIdFromCookie(req.headers.cookie), before, after: { ...user } })
      redirect(res, '/profile.html?saved=details')
    },
    '/account/password'(req, res, form) {
      const user = account(req)
      if (!user) return redirect(res, '/login.html')
      if (hash(form.get('current_password')) !== user.password || !form.get('new_password')) return redirect(res, '/profile.html?error=password')
      const before = { ...user }
      user.password = hash(form.get('new_password'))
      analytics.userUpdatedProfile({ userId: user.userId, anonymousId: anonymousIdFromCookie(req.headers.cookie), before, after: { ...user } })
      redirect(res, '/profile.html?saved=password')
    },
    '/account/card'(req, res, form) {
      const user = account(req)
      if (!user) return redirect(res, '/login.html')
      const digits = form.get('card_number').replace(/\D/g, '')
      if (digits.length < 12 || !/^\d\d\/\d\d$/.test(form.get('expiry'))) return redirect(res, '/profile.html?error=card')
      const before = { ...user }
      // Like a real store: only the last four digits and the expiry are kept; never the number or the CVV.
      user.credit_card = { last4: digits.slice(-4), expiry: form.get('expiry') }
      analytics.userUpdatedProfile({ userId: user.userId, anonymousId: anonymousIdFromCookie(req.headers.cookie), before, after: { ...user } })
      redirect(res, '/profile.html?saved=card')
    },
    '/cart/add'(req, res, form) {
      const id = form.get('product_id')
      if (!COURSES[id]) return reply(req, res, 404, { error: `no course ${id}` }, '/catalog.html')
      const cart = cartOf(req) ?? { id: `CART-${shortId()}`, lines: [] }
      carts.set(cart.id, cart.lines)
      checkouts.delete(cart.id) // the cart changed: a later checkout starts again
      const line = cart.lines.find((l) => l.product_id === id)
      if (line) line.quantity++
      else cart.lines.push({ product_id: id, quantity: 1 })
      // Product Added carries the quantity added, not the quantity now in the cart.
      analytics.productAdded({ ...visitor(req), properties: { cart_id: cart.id, ...product(req, { product_id: id, quantity: 1 }) } })
      const count = cart.lines.reduce((n, l) => n + l.quantity, 0)
      reply(req, res, 200, { cart_id: cart.id, count }, '/checkout.html', { 'Set-Cookie': `${CART}=${cart.id}; Path=/; SameSite=Lax` })
    },
    '/cart/remove'(req, res, form) {
      const cart = cartOf(req)
      const at = cart?.lines.findIndex((l) => l.product_id === form.get('product_id')) ?? -1
      if (cart && at >= 0) {
        const [line] = cart.lines.splice(at, 1)
        checkouts.delete(cart.id)
        analytics.productRemoved({ ...visitor(req), properties: { cart_id: cart.id, ...product(req, line!) } })
      }
      redirect(res, '/checkout.html')
    },
    '/checkout/order'(req, res) {
      const cart = cartOf(req)
      const checkout = cart && checkouts.get(cart.id)
      if (!cart || !checkout || cart.lines.length === 0) return redirect(res, '/checkout.html')
      const total = subtotal(cart.lines)
      analytics.orderCompleted({
        ...visitor(req),
        properties: {
          ...checkout,
          subtotal: total,
          total,
          revenue: total,
          shipping: 0,
          tax: 0,
          discount: 0,
          currency: 'USD',
          products: cart.lines.map((l, i) => product(req, l, i + 1)),
        },
      })
      orders.set(checkout.order_id, { order_id: checkout.order_id, total, count: cart.lines.reduce((n, l) => n + l.quantity, 0) })
      carts.delete(cart.id)
      checkouts.delete(cart.id)
      redirect(res, `/order-confirmation.html?order=${checkout.order_id}`, { 'Set-Cookie': `${CART}=; Path=/; Max-Age=0` })
    },
  }

  const gets: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<true>> = {
    '/account/sign-out'(_req, res) {
      redirect(res, '/login.html', { 'Set-Cookie': `${SESSION}=; Path=/; Max-Age=0` })
    },
    '/profile.html'(req, res, url) {
      const user = account(req)
      if (!user) return redirect(res, '/login.html')
      const saved = url.searchParams.get('saved')
      const error = url.searchParams.get('error')
      return page(req, res, 'profile.html', {
        message: saved ? `<p class="ok" role="status">Your ${esc(saved)} ${saved === 'details' ? 'were' : 'was'} saved.</p>` : error ? `<p class="error" role="alert">That ${esc(error)} could not be saved.</p>` : '',
        first_name: esc(user.first_name),
        last_name: esc(user.last_name),
        email: esc(user.email),
        phone: esc(user.phone ?? ''),
        company_name: esc(user.company_name ?? ''),
        card: user.credit_card ? `Card ending ${esc(user.credit_card.last4)}, expires ${esc(user.credit_card.expiry)}` : 'No card on file',
      })
    },
    '/licenses.html'(req, res) {
      const user = account(req)
      if (!user) return redirect(res, '/login.html')
      analytics.userViewedLicenses({ userId: user.userId, anonymousId: anonymousIdFromCookie(req.headers.cookie), licenses: user.licenses })
      const rows = user.licenses.map(
        (l) => `<tr><td>${esc(l.license_type ?? '')}</td><td>${esc(l.state ?? '')}</td><td>${esc(l.license_number ?? '')}</td><td>${esc(l.expiration_date ?? '')}</td></tr>`,
      )
      return page(req, res, 'licenses.html', { rows: rows.join('\n') })
    },
    '/checkout'(req, res) {
      const cart = cartOf(req)
      if (!cart || cart.lines.length === 0) return redirect(res, '/checkout.html')
      const checkout = checkouts.get(cart.id) ?? { checkout_id: `CHK-${shortId()}`, order_id: `O-${shortId()}` }
      checkouts.set(cart.id, checkout)
      const value = subtotal(cart.lines)
      analytics.checkoutStarted({
        ...visitor(req),
        properties: {
          order_id: checkout.order_id,
          value,
          revenue: value,
          shipping: 0,
          tax: 0,
          discount: 0,
          currency: 'USD',
          products: cart.lines.map((l, i) => product(req, l, i + 1)),
        },
      })
      redirect(res, '/checkout.html')
    },
    '/checkout.html'(req, res) {
      const lines = cartOf(req)?.lines ?? []
      const started = lines.length > 0 && checkouts.has(cookie(req, CART)!)
      const rows = lines.map((l) => {
        const course = COURSES[l.product_id]!
        return `<div><span>${esc(course.name)}${l.quantity > 1 ? ` &times; ${l.quantity}` : ''}</span><span>$${money(course.price * l.quantity).toFixed(2)}</span>
      <form method="post" action="/cart/remove"><input type="hidden" name="product_id" value="${esc(l.product_id)}"><button class="secondary" type="submit">Remove ${esc(course.name)}</button></form></div>`
      })
      return page(req, res, 'checkout.html', {
        lines: rows.length ? rows.join('\n') : '<p class="empty">Your cart is empty. <a href="/catalog.html">Browse the catalog</a>.</p>',
        total: `$${subtotal(lines).toFixed(2)}`,
        action: !lines.length
          ? ''
          : started
            ? '<form method="post" action="/checkout/order"><button type="submit" id="place-order">Place order</button></form>'
            : '<a class="button" id="start-checkout" href="/checkout">Proceed to checkout</a>',
      })
    },
    '/order-confirmation.html'(req, res, url) {
      const order = orders.get(url.searchParams.get('order') ?? '')
      if (!order) return redirect(res, '/catalog.html')
      return page(req, res, 'order-confirmation.html', {
        order_id: esc(order.order_id),
        summary: `${order.count} course${order.count === 1 ? '' : 's'}, $${order.total.toFixed(2)}`,
      })
    },
  }

  const route: Route = async (req, res, url) => {
    if (req.method === 'POST' && Object.hasOwn(posts, url.pathname)) {
      const form = await readForm(req)
      if (form) posts[url.pathname]!(req, res, form)
      else reply(req, res, 413, { error: 'body too large' }, '/')
      return true
    }
    if (req.method === 'GET' && Object.hasOwn(gets, url.pathname)) {
      await gets[url.pathname]!(req, res, url)
      return true
    }
    return false
  }

  return { routes: [route], userIdOf: (req) => account(req)?.userId, close: () => analytics.close() }
}

// -------------------------------------------------------------------- helpers

function sampleLicences(seed: string): Licence[] {
  const digits = seed.replace(/\D/g, '').padEnd(6, '7').slice(0, 6)
  return [
    { license_type: 'RN', state: 'NC', license_number: `RN-${digits}`, expiration_date: '2027-06-30' },
    { license_type: 'CNA', state: 'SC', license_number: `CNA-${digits.split('').reverse().join('')}`, expiration_date: '2026-01-31' },
  ]
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=')
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim() || undefined
  }
  return undefined
}

const session = (userId: string) => ({ 'Set-Cookie': `${SESSION}=${userId}; Path=/; HttpOnly; SameSite=Lax` })

function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store', ...headers })
  res.end()
}

/** JSON for the demo's fetch calls (`Accept: application/json`), a redirect for a plain form post. */
function reply(req: IncomingMessage, res: ServerResponse, status: number, json: object, location: string, headers: Record<string, string> = {}): void {
  if (!String(req.headers.accept).includes('application/json')) return redirect(res, location, headers)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
  res.end(JSON.stringify(json))
}

interface Form {
  /** A field, trimmed; '' when absent. */
  get(name: string): string
}

/** A url-encoded form or a JSON object; undefined when the body is too large. */
async function readForm(req: IncomingMessage): Promise<Form | undefined> {
  let body = ''
  for await (const chunk of req) {
    body += String(chunk)
    if (body.length > MAX_BODY) return undefined
  }
  let fields: Record<string, unknown> = {}
  if (String(req.headers['content-type']).includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(body)
      if (parsed && typeof parsed === 'object') fields = parsed as Record<string, unknown>
    } catch {}
  } else {
    fields = Object.fromEntries(new URLSearchParams(body))
  }
  return { get: (name) => (typeof fields[name] === 'string' ? (fields[name] as string).trim() : '') }
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
