import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { startSite, type Site } from './demo-server.ts'

const COLLECTOR = 'http://127.0.0.1:9999'
const PAGE = `<!doctype html><script async src="/static/analytics/academy-analytics.js" data-write-key="demo-write-key"
  data-api-host="http://127.0.0.1:8787/v1"></script><script>const C = 'http://127.0.0.1:8787'</script>`

let root: string
let site: Site

function write(rel: string, content: string): void {
  const file = path.join(root, rel)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, content)
}

/** A raw request, so the path reaches the server exactly as written (fetch would normalise `..`). */
function rawGet(base: string, rawPath: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-site-'))
  write('index.html', PAGE.replace('<!doctype html>', '<!doctype html><title>Home</title>'))
  write('secret.txt', 'TOP SECRET')
  write('public/catalog.html', PAGE.replace('<!doctype html>', '<!doctype html><title>Catalog</title>'))
  write('public/img/p1.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>')
  write('public/img/p2.png', '\x89PNG')
  write('public/app.js', "console.log('http://127.0.0.1:8787')")
  write('public/styles.css', 'body{}')
  write('public/data.json', '{"a":1}')
  write('public/notes.txt', 'hello')
  write('public/account/index.html', '<title>Account</title>')
  write('dist/academy-analytics.js', "/* tag */ var d='http://127.0.0.1:8787'")
  write('dist/academy-analytics.js.map', '{"version":3}')
  write('dist/chunks/lazy.mjs', 'export {}')
  site = await startSite({
    port: 0,
    root,
    collectorUrl: COLLECTOR + '/',
    extraRoutes: [
      (_req, res, url) => {
        if (url.pathname !== '/api/ping') return false
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ pong: url.searchParams.get('x') }))
        return true
      },
      async (req, res, url) => {
        if (url.pathname !== '/api/echo' || req.method !== 'POST') return false
        let body = ''
        for await (const chunk of req) body += String(chunk)
        res.writeHead(201, { 'Content-Type': 'text/plain' }).end(body.toUpperCase())
        return true
      },
      (_req, _res, url) => {
        if (url.pathname === '/api/boom') throw new Error('boom')
        return false
      },
      () => false, // declines: the static routes still run
    ],
  })
})

afterAll(async () => {
  await site.close()
  fs.rmSync(root, { recursive: true, force: true })
})

describe('startSite', () => {
  it('listens on a free port', () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(site.url).not.toMatch(/:0$/)
  })

  it('serves / from <root>/index.html, no-store, with the collector URL rewritten', async () => {
    const res = await fetch(site.url + '/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('content-security-policy')).toBeNull()
    const html = await res.text()
    expect(html).toContain('<title>Home</title>')
    expect(html).toContain(`data-api-host="${COLLECTOR}/v1"`)
    expect(html).toContain(`const C = '${COLLECTOR}'`)
    expect(html).not.toContain('8787')
  })

  it('serves public files, with extension-less and folder URLs for pages', async () => {
    for (const p of ['/catalog.html', '/catalog']) {
      const res = await fetch(site.url + p)
      expect(res.status, p).toBe(200)
      const html = await res.text()
      expect(html).toContain('<title>Catalog</title>')
      expect(html).toContain(`data-api-host="${COLLECTOR}/v1"`)
    }
    expect(await (await fetch(site.url + '/account/')).text()).toBe('<title>Account</title>')
    expect(await (await fetch(site.url + '/account')).text()).toBe('<title>Account</title>')
  })

  it('sets the Content-Type and Cache-Control by extension', async () => {
    const cases: Array<[string, string]> = [
      ['/img/p1.svg', 'image/svg+xml'],
      ['/img/p2.png', 'image/png'],
      ['/app.js', 'text/javascript; charset=utf-8'],
      ['/styles.css', 'text/css; charset=utf-8'],
      ['/data.json', 'application/json; charset=utf-8'],
      ['/notes.txt', 'text/plain; charset=utf-8'],
      ['/static/analytics/academy-analytics.js', 'text/javascript; charset=utf-8'],
      ['/static/analytics/academy-analytics.js.map', 'application/json; charset=utf-8'],
      ['/static/analytics/chunks/lazy.mjs', 'text/javascript; charset=utf-8'],
    ]
    for (const [p, type] of cases) {
      const res = await fetch(site.url + p)
      expect(res.status, p).toBe(200)
      expect(res.headers.get('content-type'), p).toBe(type)
      expect(res.headers.get('cache-control'), p).toBe('no-cache')
      await res.arrayBuffer()
    }
  })

  it('serves the built tag from <root>/dist unchanged, and rewrites public JS', async () => {
    expect(await (await fetch(site.url + '/static/analytics/academy-analytics.js')).text()).toBe("/* tag */ var d='http://127.0.0.1:8787'")
    expect(await (await fetch(site.url + '/app.js')).text()).toBe(`console.log('${COLLECTOR}')`)
  })

  it('answers HEAD without a body', async () => {
    const res = await fetch(site.url + '/catalog', { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await res.text()).toBe('')
  })

  it('returns a 404 page for missing files', async () => {
    for (const p of ['/missing.html', '/img/none.png', '/static/analytics/none.js', '/static/analytics/']) {
      const res = await fetch(site.url + p)
      expect(res.status, p).toBe(404)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(await res.text()).toContain('404')
    }
  })

  it('does not let /static/analytics/ reach public files or vice versa', async () => {
    expect((await fetch(site.url + '/static/analytics/catalog.html')).status).toBe(404)
    expect((await fetch(site.url + '/academy-analytics.js')).status).toBe(404)
  })

  it('rejects path traversal', async () => {
    for (const p of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/img/../../secret.txt',
      '/static/analytics/..%2f..%2fsecret.txt',
      '/static/analytics/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/%00.html',
      '/%E0%A4%A.html', // malformed escape
    ]) {
      const { status, body } = await rawGet(site.url, p)
      expect(status, p).toBe(400)
      expect(body, p).not.toContain('TOP SECRET')
    }
    expect((await fetch(site.url + '/secret.txt')).status).toBe(404)
  })

  it('adds a strict CSP with ?csp=strict on HTML pages only', async () => {
    const csp = `script-src 'self'; style-src 'self'; connect-src ${COLLECTOR}; object-src 'none'; base-uri 'none'`
    for (const p of ['/?csp=strict', '/catalog?csp=strict', '/catalog.html?x=1&csp=strict']) {
      const res = await fetch(site.url + p)
      expect(res.headers.get('content-security-policy'), p).toBe(csp)
    }
    expect((await fetch(site.url + '/catalog?csp=off')).headers.get('content-security-policy')).toBeNull()
    expect((await fetch(site.url + '/app.js?csp=strict')).headers.get('content-security-policy')).toBeNull()
  })

  it('runs extraRoutes first, in order, falling through when they return false', async () => {
    const ping = await fetch(site.url + '/api/ping?x=42')
    expect(ping.status).toBe(200)
    expect(await ping.json()).toEqual({ pong: '42' })
    const echo = await fetch(site.url + '/api/echo', { method: 'POST', body: 'hello' })
    expect(echo.status).toBe(201)
    expect(await echo.text()).toBe('HELLO')
    expect((await fetch(site.url + '/api/echo')).status).toBe(404) // GET declined by the route
    expect((await fetch(site.url + '/catalog')).status).toBe(200)
  })

  it('answers 500 when a route throws, 405 for other methods on static files', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect((await fetch(site.url + '/api/boom')).status).toBe(500)
    expect(logged).toHaveBeenCalledWith('[site] error while serving', '/api/boom', expect.any(Error))
    logged.mockRestore()
    const post = await fetch(site.url + '/catalog.html', { method: 'POST', body: 'x' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
    expect((await fetch(site.url + '/catalog')).status).toBe(200)
  })
})

describe('startSite with the default root', () => {
  it('serves the repository public/ folder (the live panel) with the collector URL rewritten', async () => {
    const real = await startSite({ port: 0, collectorUrl: COLLECTOR })
    try {
      const js = await fetch(real.url + '/live-panel.js')
      expect(js.status).toBe(200)
      expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
      const text = await js.text()
      expect(text).toContain(`'${COLLECTOR}'`)
      expect(text).not.toContain('127.0.0.1:8787')
      const css = await fetch(real.url + '/live-panel.css')
      expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
      expect(await css.text()).toContain('padding-right: 380px')
    } finally {
      await real.close()
    }
  })
})

describe('startSite with userIdOf: data-user-id rendered as the JSP does', () => {
  it('writes the session user id into every page (escaped), empty when no one is signed in', async () => {
    const page = '<script data-user-id="${sessionScope.user.id}"></script>'
    write('public/who.html', page)
    const signedIn = await startSite({ port: 0, root, collectorUrl: COLLECTOR, userIdOf: (req) => /user=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] })
    try {
      const get = (cookie?: string) => fetch(signedIn.url + '/who.html', { headers: cookie ? { cookie } : {} }).then((res) => res.text())
      expect(await get('user=U-1001')).toBe('<script data-user-id="U-1001"></script>')
      expect(await get('user=a"b')).toBe('<script data-user-id="a&#34;b"></script>')
      expect(await get()).toBe('<script data-user-id=""></script>')
      // Without userIdOf (no sessions), the page renders a visitor who is not signed in.
      expect(await (await fetch(site.url + '/who.html')).text()).toBe('<script data-user-id=""></script>')
    } finally {
      await signedIn.close()
    }
  })
})
