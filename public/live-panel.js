/*
 * Live event panel for the demo pages (plain browser JS, no build step).
 *
 *   <link rel="stylesheet" href="/live-panel.css">
 *   <script defer src="/live-panel.js"></script>
 *
 * Shows every event as it reaches the local collector, newest first, fed by the collector's
 * Server-Sent Events stream: an event that breaks the tracking plan in red, with its violations, and
 * a good/bad count (the collector's verdicts; a later one, `event: verdict`, updates its event). The collector URL below is rewritten by the demo server when the
 * collector runs elsewhere; a `data-collector="http://host:port"` attribute on this script wins.
 * The panel sits inside `data-analytics-ignore`, so nothing in it is tracked.
 */
;(function () {
  'use strict'

  var script = document.currentScript
  var COLLECTOR = ((script && script.getAttribute('data-collector')) || 'http://127.0.0.1:8787').replace(/\/+$/, '')
  var MAX_EVENTS = 300
  var MINE_KEY = 'live-panel:mine-only'
  var IDS_KEY = 'live-panel:anonymous-ids'

  if (window.__academyLivePanel) return // included twice
  window.__academyLivePanel = true

  var all = [] // events as received, oldest first
  var byIndex = {} // the collector's index of an event (its place since the last reset) -> the event
  var received = 0
  var replaying = true // true while the stream replays stored events (rendered collapsed)
  var source = null
  var els = {}
  var nodes = typeof WeakMap === 'function' ? new WeakMap() : null // event -> its <li>

  // ------------------------------------------------------------ helpers

  function h(tag, attrs, children) {
    var el = document.createElement(tag)
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === 'text') el.textContent = attrs[k]
        else el.setAttribute(k, attrs[k])
      })
    }
    ;(children || []).forEach(function (c) {
      if (c != null) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c)
    })
    return el
  }

  function readStored(value) {
    if (value == null || value === '') return null
    try {
      var parsed = JSON.parse(value)
      return typeof parsed === 'string' ? parsed : null
    } catch (e) {
      return value
    }
  }

  function cookie(name) {
    var match = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'))
    if (!match) return null
    try {
      return decodeURIComponent(match[1])
    } catch (e) {
      return match[1]
    }
  }

  function storage(key, value) {
    try {
      if (arguments.length > 1) localStorage.setItem(key, value)
      else return localStorage.getItem(key)
    } catch (e) {
      return null
    }
  }

  /** Every anonymousId this browser has had (reset() makes a new one), current one included. */
  function myAnonymousIds() {
    var ids = []
    try {
      ids = JSON.parse(storage(IDS_KEY) || '[]')
    } catch (e) {}
    if (!Array.isArray(ids)) ids = []
    var current = readStored(storage('ajs_anonymous_id')) || readStored(cookie('ajs_anonymous_id'))
    if (current && ids.indexOf(current) === -1) {
      ids.push(current)
      storage(IDS_KEY, JSON.stringify(ids.slice(-20)))
    }
    return ids
  }

  function mineOnly() {
    return els.mine.checked
  }

  function isMine(e, ids) {
    return typeof e.anonymousId === 'string' && ids.indexOf(e.anonymousId) !== -1
  }

  function label(e) {
    switch (e.type) {
      case 'track':
        return String(e.event)
      case 'page':
      case 'screen':
        return e.type + (e.name ? ' · ' + e.name : '')
      case 'identify':
        return 'identify' + (e.userId ? ' · ' + e.userId : '')
      case 'group':
        return 'group' + (e.groupId ? ' · ' + e.groupId : '')
      case 'alias':
        return 'alias' + (e.userId ? ' · ' + e.userId : '')
      default:
        return String(e.type)
    }
  }

  function payload(e) {
    if (e.type === 'identify' || e.type === 'group') return e.traits || {}
    return e.properties || {}
  }

  /** Segment's consent object, as the event carries it: `analytics ✓ · advertising ✗`, or a dash. */
  function consent(e) {
    var preferences = e.context && e.context.consent && e.context.consent.categoryPreferences
    if (!preferences) return 'consent —'
    return (
      'consent ' +
      Object.keys(preferences)
        .map(function (name) {
          return name + (preferences[name] ? ' \u2713' : ' \u2717')
        })
        .join(' · ')
    )
  }

  function time(e) {
    var d = new Date(e.timestamp || e.receivedAt)
    if (isNaN(d.getTime())) return ''
    return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })
  }

  // ------------------------------------------------------------ rendering

  function renderEvent(e, open) {
    var bad = e.valid === false
    var details = h('details', open ? { open: '' } : null, [
      h('summary', null, [
        h('span', { class: 'lp-badge lp-badge-' + String(e.type).replace(/[^a-z]/g, ''), text: e.type }),
        h('span', { class: 'lp-name', text: label(e) }),
        h('time', { class: 'lp-time', datetime: String(e.receivedAt), title: 'received ' + e.receivedAt, text: time(e) }),
      ]),
      h('pre', { class: 'lp-json', text: JSON.stringify(payload(e), null, 2) }),
      h('p', { class: 'lp-meta' }, [
        e.userId ? 'userId ' + e.userId + ' · ' : '',
        'anonymousId ' + (e.anonymousId ? String(e.anonymousId).slice(0, 8) + '…' : '—'),
      ]),
      h('p', { class: 'lp-meta lp-consent', title: 'context.consent.categoryPreferences', text: consent(e) }),
      h('details', { class: 'lp-raw' }, [
        h('summary', { text: 'full event' }),
        h('pre', { class: 'lp-json', text: JSON.stringify(e, null, 2) }),
      ]),
    ])
    var violations = bad
      ? h('ul', { class: 'lp-violations' }, (e.violations || []).map(function (v) {
          return h('li', { text: v.message })
        }))
      : null
    var pending = e.pending && !bad ? h('p', { class: 'lp-pending', text: 'waiting for its Track' }) : null
    return h('li', { class: bad ? 'lp-event lp-bad' : 'lp-event', 'data-valid': bad ? 'false' : 'true' }, [details, violations, pending])
  }

  function updateCounts() {
    var shown = els.list.children.length
    els.count.textContent = mineOnly() && shown !== all.length ? shown + ' / ' + all.length : String(all.length)
    els.empty.hidden = shown > 0
    var bad = all.filter(function (e) {
      return e.valid === false
    }).length
    els.good.textContent = all.length - bad + ' good'
    els.bad.textContent = bad + ' bad'
    els.bad.setAttribute('data-bad', bad ? 'true' : 'false')
  }

  /** A later verdict of the collector on an event already shown (an Identify settled by its Track, or late). */
  function updateVerdict(v) {
    var e = byIndex[v.index]
    if (!e) return
    e.valid = v.valid
    e.violations = v.violations
    e.pending = v.pending
    var old = nodes && nodes.get(e)
    if (old && old.parentNode) {
      var li = renderEvent(e, old.firstChild && old.firstChild.open)
      nodes.set(e, li)
      old.parentNode.replaceChild(li, old)
    }
    updateCounts()
  }

  function renderAll() {
    var ids = myAnonymousIds()
    var fragment = document.createDocumentFragment()
    for (var i = all.length - 1; i >= 0; i--) {
      if (!mineOnly() || isMine(all[i], ids)) {
        var li = renderEvent(all[i], false)
        if (nodes) nodes.set(all[i], li)
        fragment.appendChild(li)
      }
    }
    els.list.textContent = ''
    els.list.appendChild(fragment)
    updateCounts()
  }

  function add(e) {
    byIndex[received++] = e
    all.push(e)
    if (all.length > MAX_EVENTS) {
      var gone = all.shift()
      delete byIndex[received - 1 - all.length]
      var oldest = nodes && nodes.get(gone)
      if (oldest && oldest.parentNode) oldest.parentNode.removeChild(oldest)
    }
    if (!mineOnly() || isMine(e, myAnonymousIds())) {
      var li = renderEvent(e, !replaying)
      if (nodes) nodes.set(e, li)
      els.list.insertBefore(li, els.list.firstChild)
    }
    updateCounts()
  }

  function clearList() {
    all = []
    byIndex = {}
    received = 0
    els.list.textContent = ''
    updateCounts()
  }

  function setStatus(state, text) {
    els.status.setAttribute('data-state', state)
    els.status.textContent = text
    els.status.title = state === 'live' ? 'Connected to ' + COLLECTOR : 'Collector: ' + COLLECTOR
  }

  // ------------------------------------------------------------ collector

  function connect() {
    if (typeof EventSource === 'undefined') return setStatus('offline', 'no EventSource')
    if (source) source.close()
    setStatus('connecting', 'connecting…')
    source = new EventSource(COLLECTOR + '/events/stream')
    source.onopen = function () {
      // The collector replays every stored event on each (re)connection.
      replaying = true
      clearList()
      setStatus('live', 'live')
    }
    source.onmessage = function (msg) {
      try {
        add(JSON.parse(msg.data))
      } catch (err) {
        console.warn('[live-panel] unreadable event', err)
      }
    }
    source.addEventListener('ready', function () {
      replaying = false
    })
    source.addEventListener('reset', clearList)
    source.addEventListener('verdict', function (msg) {
      try {
        updateVerdict(JSON.parse(msg.data))
      } catch (err) {
        console.warn('[live-panel] unreadable verdict', err)
      }
    })
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) {
        setStatus('offline', 'offline')
        setTimeout(connect, 3000)
      } else {
        setStatus('connecting', 'reconnecting…')
      }
    }
  }

  function clearCollector() {
    els.clear.disabled = true
    fetch(COLLECTOR + '/events', { method: 'DELETE' })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status)
        clearList()
      })
      .catch(function (err) {
        setStatus('offline', 'clear failed')
        console.warn('[live-panel] could not clear the collector at ' + COLLECTOR, err)
      })
      .then(function () {
        els.clear.disabled = false
      })
  }

  // ------------------------------------------------------------ build

  function build() {
    if (document.getElementById('live-panel')) return
    els.count = h('span', { class: 'lp-count', text: '0' })
    els.good = h('span', { class: 'lp-good', text: '0 good' })
    els.bad = h('span', { class: 'lp-bad-count', 'data-bad': 'false', text: '0 bad' })
    els.status = h('span', { class: 'lp-status', 'data-state': 'connecting', text: 'connecting…' })
    els.mine = h('input', { type: 'checkbox', class: 'lp-mine' })
    els.mine.checked = storage(MINE_KEY) === '1'
    els.clear = h('button', { type: 'button', class: 'lp-clear', title: 'Forget every event stored by the collector', text: 'Clear' })
    els.empty = h('p', { class: 'lp-empty', text: 'No events yet. Use the page: each event appears here as it reaches the collector.' })
    els.list = h('ol', { class: 'lp-list', 'aria-live': 'polite' })

    var panel = h('aside', { id: 'live-panel', 'data-analytics-ignore': '', 'aria-label': 'Live analytics events' }, [
      h('header', { class: 'lp-header' }, [h('h2', { class: 'lp-title' }, ['Live events ', els.count]), els.status]),
      h('div', { class: 'lp-toolbar' }, [
        h('label', { class: 'lp-toggle', title: 'Only events with this browser\u2019s anonymousId' }, [els.mine, ' This browser only']),
        h('span', { class: 'lp-verdicts', title: 'Events that follow the tracking plan, and events that break it' }, [els.good, ' \u00b7 ', els.bad]),
        els.clear,
      ]),
      els.empty,
      els.list,
    ])

    els.mine.addEventListener('change', function () {
      storage(MINE_KEY, els.mine.checked ? '1' : '0')
      renderAll()
    })
    els.clear.addEventListener('click', clearCollector)
    document.body.appendChild(panel)
    updateCounts()
    connect()
  }

  if (document.body) build()
  else document.addEventListener('DOMContentLoaded', build)
})()
