/**
 * The demo site's HTTP server (node:http only).
 *
 * Routes, tried in order (the first that returns true handles the request):
 *   1. options.extraRoutes (API routes added by later work)
 *   2. GET /static/analytics/*  -> <root>/dist/*        (the built tag and its chunks)
 *   3. GET /                    -> <root>/index.html
 *   4. GET /*                   -> <root>/public/*      (`/catalog` also finds public/catalog.html,
 *                                                        `/dir/` finds public/dir/index.html)
 *   5. 404 page
 *
 * HTML (and the plain JS under public/, e.g. live-panel.js) has the literal default collector URL
 * `http://127.0.0.1:8787` replaced by options.collectorUrl. HTML has the JSP expression of the signed-in user's id
 * (`${sessionScope.user.id}`, in the pages' `data-user-id`) rendered as the JSP does: options.userIdOf(request),
 * empty for a visitor who is not signed in. `?csp=strict` on an HTML page adds a strict Content-Security-Policy header.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>

export interface SiteOptions {
  port?: number // default 8080; 0 = free port
  host?: string // default '127.0.0.1'
  root?: string // repo root, default resolved from this file
  collectorUrl: string // e.g. http://127.0.0.1:8787
  extraRoutes?: Route[] // tried first, in order; return true when handled
  /** The signed-in user's id for a request (the demo's session); undefined when no one is signed in. */
  userIdOf?: (req: IncomingMessage) => string | undefined
  /** More folders served like public/ (collector URL rewrite, ?csp=strict), by URL prefix: { '/e2e/': 'e2e/pages' }. */
  mounts?: Record<string, string>
}

export interface Site {
  url: string
  /** The file that serves a page's path (`/e2e/generic.html`, `/catalog`), if a file does. */
  pageFile(pathname: string): Promise<string | undefined>
  close(): Promise<void>
}

/** The collector URL hard-coded in the demo pages; rewritten to options.collectorUrl. */
export const DEFAULT_COLLECTOR_URL = 'http://127.0.0.1:8787'

/** What the Academy's JSPs write in the tag's `data-user-id` (contract §4); the demo pages carry it too. */
export const USER_ID_EXPRESSION = '${sessionScope.user.id}'

/** A demo page as the server sends it: collector URL rewritten, the session's user id rendered (escaped, '' if none). */
export function renderPage(html: string, collectorUrl: string, userId: string | undefined): string {
  return html.replaceAll(DEFAULT_COLLECTOR_URL, collectorUrl).replaceAll(USER_ID_EXPRESSION, escapeHtml(userId ?? ''))
}

const DEFAULT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
}

export async function startSite(options: SiteOptions): Promise<Site> {
  const root = path.resolve(options.root ?? DEFAULT_ROOT)
  const publicDir = path.join(root, 'public')
  const distDir = path.join(root, 'dist')
  const collectorUrl = options.collectorUrl.replace(/\/+$/, '')

  /** Sends a file; `rewrite` replaces the default collector URL in text files. */
  async function sendFile(req: IncomingMessage, res: ServerResponse, url: URL, file: string, rewrite: boolean): Promise<boolean> {
    const ext = path.extname(file).toLowerCase()
    const isHtml = ext === '.html'
    let body: Buffer = await fs.readFile(file)
    if (isHtml) body = Buffer.from(renderPage(body.toString('utf8'), collectorUrl, options.userIdOf?.(req)))
    else if (rewrite && (ext === '.js' || ext === '.mjs')) body = Buffer.from(body.toString('utf8').replaceAll(DEFAULT_COLLECTOR_URL, collectorUrl))
    const headers: Record<string, string | number> = {
      'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': isHtml ? 'no-store' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    }
    if (isHtml && url.searchParams.get('csp') === 'strict') {
      headers['Content-Security-Policy'] =
        `script-src 'self'; style-src 'self'; connect-src ${collectorUrl}; object-src 'none'; base-uri 'none'`
    }
    res.writeHead(200, headers)
    res.end(req.method === 'HEAD' ? undefined : body)
    return true
  }

  /** The file in `dir` for `relative`: itself, `<relative>.html` or `<relative>/index.html`. */
  async function fileIn(dir: string, relative: string): Promise<string | undefined> {
    const base = path.join(dir, relative)
    const candidates = relative === '' || relative.endsWith('/') ? [path.join(base, 'index.html')] : [base, base + '.html', path.join(base, 'index.html')]
    for (const file of candidates) {
      if (!isInside(dir, file)) continue
      const stat = await fs.stat(file).catch(() => null)
      if (stat?.isFile()) return file
    }
    return undefined
  }

  /** The page file that serves a (decoded) path, found as the routes below find it (the built tag is looked up apart). */
  async function pageFile(pathname: string): Promise<string | undefined> {
    for (const [prefix, dir] of Object.entries(options.mounts ?? {})) {
      if (pathname.startsWith(prefix)) return fileIn(path.resolve(root, dir), pathname.slice(prefix.length))
    }
    return pathname === '/' ? path.join(root, 'index.html') : fileIn(publicDir, pathname.slice(1))
  }

  async function serveFile(file: string | undefined, req: IncomingMessage, res: ServerResponse, url: URL, rewrite: boolean): Promise<boolean> {
    return file !== undefined && sendFile(req, res, url, file, rewrite)
  }

  const isRead = (req: IncomingMessage): boolean => req.method === 'GET' || req.method === 'HEAD'
  const routes: Route[] = [
    ...(options.extraRoutes ?? []),
    async (req, res, url) => {
      if (!isRead(req)) return false
      const prefix = '/static/analytics/'
      if (!url.pathname.startsWith(prefix)) return false
      return serveFile(await fileIn(distDir, decodedPath(url).slice(prefix.length)), req, res, url, false)
    },
    async (req, res, url) => isRead(req) && serveFile(await pageFile(decodedPath(url)), req, res, url, true).catch(() => false),
  ]

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawPath = (req.url ?? '/').split(/[?#]/)[0] ?? '/'
    // Reject traversal before URL parsing normalises it away (`/../x`, `/..%2fx`, `%2e%2e`, backslashes, NUL).
    const decoded = safeDecode(rawPath)
    if (decoded === null || /(^|[/\\])\.\.([/\\]|$)/.test(decoded) || decoded.includes('\0') || decoded.includes('\\')) {
      return sendError(res, 400, 'Bad request')
    }
    const url = new URL(req.url ?? '/', 'http://site.invalid')
    for (const route of routes) {
      if (res.writableEnded || res.headersSent) return
      if (await route(req, res, url)) return
    }
    if (res.headersSent) return
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendError(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' })
    }
    const hint = url.pathname.startsWith('/static/analytics/') ? ' (is the tag built? run `npm run build`)' : ''
    sendError(res, 404, `Not found: ${decodedPath(url)}${hint}`)
  }

  const server = http.createServer((req, res) => {
    req.on('error', () => {})
    handle(req, res).catch((err: unknown) => {
      console.error('[site] error while serving', req.url, err)
      if (!res.headersSent) sendError(res, 500, 'Internal server error')
      else res.destroy()
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })

  const { port } = server.address() as AddressInfo
  const host = options.host ?? '127.0.0.1'
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  let closing: Promise<void> | undefined
  return {
    url: `http://${shownHost}:${port}`,
    pageFile,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    },
  }
}

function decodedPath(url: URL): string {
  return safeDecode(url.pathname) ?? url.pathname
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s)
  } catch {
    return null
  }
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file)
  return rel !== '' && rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel)
}

function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const html = `<!doctype html><meta charset="utf-8"><title>${status} ${escapeHtml(message)}</title>` +
    `<h1>${status}</h1><p>${escapeHtml(message)}</p><p><a href="/">Back to the demo home page</a></p>\n`
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    ...headers,
  })
  res.end(html)
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
