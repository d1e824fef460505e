import { describe, expect, it } from 'vitest'
import { inlineCode } from './inline-code'

describe('inlineCode', () => {
  it('finds inline scripts and styles, inline handlers and javascript: URLs, with their lines', () => {
    const html = [
      '<!doctype html><head><style>.a { color: red }</style>',
      '<script>window.x = 1</script>',
      '<script type="module">import "./a.js"</script>',
      '</head><body>',
      '<form id="f" onsubmit="event.preventDefault()"><button onClick="go()">Go</button></form>',
      '<a href=" javascript:void(0)">x</a><p style="color: blue">styled</p>',
      '</body>',
    ].join('\n')
    expect(inlineCode(html)).toEqual([
      'line 1: <style> is an inline style sheet',
      'line 2: <script> is an inline script',
      'line 3: <script> is an inline script',
      'line 5: <form id="f"> has an inline handler onsubmit',
      'line 5: <button> has an inline handler onclick',
      'line 6: <a> has a javascript: URL in href',
      'line 6: <p> has an inline style',
    ])
  })

  it('leaves alone what a strict policy allows: script and style files, data blocks, ordinary links', () => {
    const html = `<script async src="/static/analytics/academy-analytics.js" data-write-key="k"></script>
      <script type="application/ld+json">{"@type": "Course"}</script>
      <link rel="stylesheet" href="/demo.css"><p data-on="x" data-style="y">text with onclick= and style= in it</p>
      <a href="/catalog?javascript=1">catalog</a>`
    expect(inlineCode(html)).toEqual([])
  })
})
