import { readFileSync } from 'node:fs'
import { glob } from 'tinyglobby'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from './cli'
import { lintSource } from './lint'

const root = join(import.meta.dirname, '..', '..')

/** Runs `academy-analytics lint <patterns>` from the repository root, as the bin does. */
async function lint(...patterns: string[]) {
  let out = ''
  let err = ''
  const code = await main(['lint', ...patterns], { write: (t: string) => (out += t) }, { write: (t: string) => (err += t) }, root)
  return { code, lines: out.split('\n').filter(Boolean), err }
}

const fixture = (name: string) => `src/lint/fixtures/${name}`

describe('academy-analytics lint: one broken JSP file per rule (src/lint/fixtures)', () => {
  it('unknown data-analytics-* attributes, with a "did you mean" for typos (also of the prefix)', async () => {
    expect(await lint(fixture('unknown-attribute.jsp'))).toEqual({
      code: 1,
      lines: [
        'src/lint/fixtures/unknown-attribute.jsp:6:11 unknown attribute data-analytics-evnt (did you mean data-analytics-event?)',
        'src/lint/fixtures/unknown-attribute.jsp:7:11 unknown attribute data-analytic-event (did you mean data-analytics-event?)',
        'src/lint/fixtures/unknown-attribute.jsp:9:14 unknown attribute data-analytics-prodcut (did you mean data-analytics-product?)',
        'src/lint/fixtures/unknown-attribute.jsp:9:46 product without an id: data-analytics-sku needs data-analytics-product="<product_id>" on the same element',
        'src/lint/fixtures/unknown-attribute.jsp:11:82 unknown attribute data-analytics-props-price (did you mean data-analytics-prop-price?)',
        'src/lint/fixtures/unknown-attribute.jsp:12:8 unknown attribute data-analytics-colour',
      ],
      err: '6 problems in 1 of 1 file\n',
    })
  })

  it('event names not in the plan, server-side ones, Logout and Page View; a dynamic name is not checked', async () => {
    expect((await lint(fixture('unknown-event.jsp'))).lines).toEqual([
      'src/lint/fixtures/unknown-event.jsp:4:11 "Forgot Password Clicked" is not an event of the tracking plan (did you mean "Forgot Password Button Clicked"?)',
      'src/lint/fixtures/unknown-event.jsp:5:11 "forgot password button clicked" is not an event of the tracking plan (did you mean "Forgot Password Button Clicked"?)',
      'src/lint/fixtures/unknown-event.jsp:6:11 "Password Forgotten" is not an event of the tracking plan',
      'src/lint/fixtures/unknown-event.jsp:7:9 "Order Completed" is a server-side event; the tag does not send it',
      'src/lint/fixtures/unknown-event.jsp:8:21 "Logout" is not a tracked event: it calls analytics.reset(), never track(); mark the control data-analytics-logout instead',
      'src/lint/fixtures/unknown-event.jsp:9:8 "Page View" is the page call: use academyAnalytics.page()',
    ])
  })

  it('literal values of the wrong type and properties the plan does not have; JSP expressions are dynamic, not errors', async () => {
    expect((await lint(fixture('wrong-type.jsp'))).lines).toEqual([
      'src/lint/fixtures/wrong-type.jsp:5:82 Product Clicked: price "12,50" is not a number; dropped',
      'src/lint/fixtures/wrong-type.jsp:6:6 Product Clicked: quantity "2.5" is not an integer; dropped',
      'src/lint/fixtures/wrong-type.jsp:6:41 Product Clicked: position "second" is not an integer; dropped',
      'src/lint/fixtures/wrong-type.jsp:6:79 Product Clicked: list_id is empty; dropped',
      'src/lint/fixtures/wrong-type.jsp:7:82 Product Clicked: "colour" is not a property of Product Clicked in the plan; dropped',
      'src/lint/fixtures/wrong-type.jsp:8:6 Product Clicked: "prodcut_id" is not a property of Product Clicked in the plan; dropped (did you mean data-analytics-prop-product-id?)',
      'src/lint/fixtures/wrong-type.jsp:10:46 product price "$49.99" is not a number; dropped',
      'src/lint/fixtures/wrong-type.jsp:10:76 product quantity "two" is not an integer; dropped',
      'src/lint/fixtures/wrong-type.jsp:10:106 product position "1st" is not an integer; dropped',
    ])
  })

  it('commerce elements without their id, and a required property missing', async () => {
    expect((await lint(fixture('missing-id.jsp'))).lines).toEqual([
      'src/lint/fixtures/missing-id.jsp:5:14 product without an id: data-analytics-sku, data-analytics-name and data-analytics-price need data-analytics-product="<product_id>" on the same element',
      'src/lint/fixtures/missing-id.jsp:6:14 data-analytics-product is empty: a product needs its id (product_id)',
      'src/lint/fixtures/missing-id.jsp:8:12 data-analytics-list is empty: a list needs its id (list_id)',
      'src/lint/fixtures/missing-id.jsp:9:20 promotion without an id: data-analytics-creative needs data-analytics-promotion="<promotion_id>" on the same element',
      'src/lint/fixtures/missing-id.jsp:10:20 data-analytics-name and data-analytics-position need data-analytics-product or data-analytics-promotion on the same element',
      'src/lint/fixtures/missing-id.jsp:11:11 Promotion Clicked: required "promotion_id" is missing',
    ])
  })

  it('data-analytics-on values that do not exist, and trigger or properties without an event', async () => {
    expect((await lint(fixture('trigger.jsp'))).lines).toEqual([
      'src/lint/fixtures/trigger.jsp:4:65 data-analytics-on="hover" is not click, submit, load or view; the element sends nothing',
      'src/lint/fixtures/trigger.jsp:5:58 data-analytics-on="onload" is not click, submit, load or view; the element sends nothing',
      'src/lint/fixtures/trigger.jsp:6:8 data-analytics-on does nothing without data-analytics-event',
      'src/lint/fixtures/trigger.jsp:6:33 data-analytics-prop-position does nothing without data-analytics-event',
    ])
  })

  it('a product outside any list, cart or detail (a template\'s content and a fragment\'s are not judged)', async () => {
    expect((await lint(fixture('product-placement.jsp'), fixture('fragment.jspf'))).lines).toEqual([
      'src/lint/fixtures/fragment.jspf:6:49 product price "free" is not a number; dropped',
      'src/lint/fixtures/product-placement.jsp:4:12 product outside any list, cart or detail: put it inside data-analytics-list or data-analytics-cart, or mark it data-analytics-detail; it sends nothing',
      'src/lint/fixtures/product-placement.jsp:6:14 product outside any list, cart or detail: put it inside data-analytics-list or data-analytics-cart, or mark it data-analytics-detail; it sends nothing',
    ])
  })

  it("the tag's script tag: write key, URLs, numbers, a literal data-user-id, unknown options; other scripts are not judged", async () => {
    expect((await lint(fixture('script-tag.jsp'))).lines).toEqual([
      'src/lint/fixtures/script-tag.jsp:4:3 the tag has no data-write-key: it stays inert on this page',
      'src/lint/fixtures/script-tag.jsp:4:62 data-api-host="api.segment.io/v1" is not an http(s) URL with its scheme; the tag uses https://api.segment.io/v1',
      'src/lint/fixtures/script-tag.jsp:4:96 data-user-id="U-1001" is a literal: render the signed-in user\'s id from the session, e.g. data-user-id="${sessionScope.user.id}" (empty when no one is signed in)',
      'src/lint/fixtures/script-tag.jsp:5:62 data-write-key is empty: the tag stays inert on this page',
      'src/lint/fixtures/script-tag.jsp:5:81 data-cdn-url="ftp://cdn.example" is not an http(s) URL with its scheme; the tag uses https://cdn.segment.com',
      'src/lint/fixtures/script-tag.jsp:5:114 data-consent="opt-in" is not none or required; the tag assumes required',
      'src/lint/fixtures/script-tag.jsp:6:11 data-impression-threshold="50%" is not a number above 0, at most 1; the tag uses 0.5',
      'src/lint/fixtures/script-tag.jsp:6:43 data-impression-ms="1s" is not a number of milliseconds from 0 to 59999; the tag uses 1000',
      'src/lint/fixtures/script-tag.jsp:6:67 data-user-id="" is a literal: render the signed-in user\'s id from the session, e.g. data-user-id="${sessionScope.user.id}" (empty when no one is signed in)',
      "src/lint/fixtures/script-tag.jsp:7:103 unknown option data-userid on the tag's script (did you mean data-user-id?)",
      "src/lint/fixtures/script-tag.jsp:8:11 unknown option data-remote-setting on the tag's script (did you mean data-remote-settings?)",
      "src/lint/fixtures/script-tag.jsp:8:31 unknown option data-cfasync on the tag's script",
    ])
  })

  it('passes correct JSP, with EL, scriptlets and <c:out> inside attribute values (exit code 0)', async () => {
    expect(await lint(fixture('valid.jsp'))).toEqual({ code: 0, lines: [], err: '1 file checked, no problems\n' })
  })

  it('passes the demo site', async () => {
    const pages = (await glob(['index.html', 'public/**/*.html'], { cwd: root })).length
    expect(await lint('index.html', 'public/**/*.html')).toEqual({ code: 0, lines: [], err: `${pages} files checked, no problems\n` })
  })

  it('exits with 2 on a wrong command or when no file matches', async () => {
    expect(await lint('no/such/*.jsp')).toEqual({ code: 2, lines: [], err: 'academy-analytics lint: no file matches no/such/*.jsp\n' })
    let err = ''
    expect(await main(['lnt', 'x.jsp'], { write: () => 0 }, { write: (t: string) => (err += t) }, root)).toBe(2)
    expect(err).toMatch(/^Usage: academy-analytics lint <file or glob>\.\.\./)
  })
})

describe('academy-analytics lint: each page as it is served, its includes followed (src/lint/fixtures/includes)', () => {
  const dir = 'src/lint/fixtures/includes'

  it('judges the placement of a page whose <body> comes from an include; a problem is reported once, in the file that holds it', async () => {
    const result = await lint(`${dir}/catalog/Category.jsp`, `${dir}/catalog/Product.jsp`, `${dir}/common/*.jsp`)
    expect(result.lines).toEqual([
      `${dir}/catalog/Category.jsp:9:6 product outside any list, cart or detail: put it inside data-analytics-list or data-analytics-cart, or mark it data-analytics-detail; it sends nothing`,
      `${dir}/catalog/Product.jsp:2:85 product price "4,50" is not a number; dropped`,
      `${dir}/catalog/Product.jsp:3:1 warning: included file ../common/Sidebar.jsp not found (${dir}/common/Sidebar.jsp); the page is checked without it`,
      // Met from both pages and from the header alone: once.
      `${dir}/common/IncludeTop.jsp:7:41 unknown attribute data-analytics-evnt (did you mean data-analytics-event?)`,
    ])
    expect(result).toMatchObject({ code: 1, err: '3 problems in 3 of 4 files, 1 warning\n' })
  })

  it('reports a cycle of includes once, from whichever file it is met', async () => {
    expect(await lint(`${dir}/catalog/Loop*.jsp`)).toEqual({
      code: 0,
      lines: [
        `${dir}/catalog/Loop2.jsp:1:1 warning: include cycle: ${dir}/catalog/Loop.jsp → ${dir}/catalog/Loop2.jsp → ${dir}/catalog/Loop.jsp; not followed again`,
      ],
      err: '2 files checked, no problems, 1 warning\n',
    })
  })

  it('follows <jsp:include page="/…"> from the web root given by --web-root; without it, says so', async () => {
    const cart = `${dir}/webapp/WEB-INF/jsp/cart/Cart.jsp`
    expect((await lint(cart, '--web-root', `${dir}/webapp`)).lines).toEqual([
      `${cart}:5:6 product outside any list, cart or detail: put it inside data-analytics-list or data-analytics-cart, or mark it data-analytics-detail; it sends nothing`,
    ])
    expect((await lint(`--web-root=${dir}/webapp`, cart)).lines).toHaveLength(1)
    expect((await lint(cart)).lines).toEqual([
      `${cart}:1:1 warning: /WEB-INF/jsp/common/Top.jsp is included from the web root; give --web-root <folder> to check the page with it`,
    ])
  })

  it('a --web-root without its folder is a wrong command', async () => {
    expect((await lint(fixture('valid.jsp'), '--web-root')).code).toBe(2)
  })
})

describe('academy-analytics lint on real JSP: the Apache Tomcat 10 examples (src/lint/fixtures/tomcat)', () => {
  const dir = 'src/lint/fixtures/tomcat'
  const files = '**/*.{jsp,jspx,jspf,tag,html}'

  it('passes the real pages as they ship: no crash, no false report, every include found', async () => {
    const count = (await glob([`${dir}/examples/${files}`], { cwd: root })).length
    expect(count).toBeGreaterThan(40)
    expect(await lint(`${dir}/examples/${files}`)).toEqual({ code: 0, lines: [], err: `${count} files checked, no problems\n` })
  })

  it('passes the store pages instrumented by the contract', async () => {
    expect(await lint(`${dir}/instrumented/clean/${files}`)).toEqual({ code: 0, lines: [], err: '4 files checked, no problems\n' })
  })

  it('reports every mistake planted in them, at the line marked "planted", and nothing else', async () => {
    const planted = await glob([`${dir}/instrumented/planted/${files}`], { cwd: root })
    const marked = planted.flatMap((file) =>
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => (line.includes('<%-- planted:') ? [`${file}:${i + 1}`] : [])),
    )
    expect(marked.length).toBeGreaterThanOrEqual(7)
    const { code, lines } = await lint(`${dir}/instrumented/planted/${files}`)
    expect(code).toBe(1)
    expect([...new Set(lines.map((line) => line.split(':').slice(0, 2).join(':')))].sort()).toEqual(marked.sort())
  })
})

describe('lintSource', () => {
  it('points at the attribute, with lines and columns of the file, after multi-line JSP constructs', () => {
    const source = [
      '<%-- a comment',
      '     over two lines --%>',
      '<html><body><section data-analytics-list="x">',
      '<article data-analytics-product="${p.id}" data-analytics-name="<c:out value="${p.name}"/>"',
      '         data-analytics-price="4,50">x</article></section></body></html>',
    ].join('\n')
    expect(lintSource(source)).toEqual([{ line: 5, column: 10, message: 'product price "4,50" is not a number; dropped' }])
  })

  it('takes the first of two attributes with the same name, as the browser does', () => {
    expect(lintSource('<button data-analytics-event="Password Forgotten" data-analytics-event="Forgot Password Button Clicked">')).toEqual([
      { line: 1, column: 9, message: '"Password Forgotten" is not an event of the tracking plan' },
    ])
  })
})
