// A stand-in for OneTrust's script on the demo's privacy page, with OneTrust's documented globals only:
// window.OnetrustActiveGroups (",C0001,C0002,"), window.OneTrust.OnConsentChanged(callback),
// window.OneTrust.ToggleInfoDisplay(), a call of the page's window.OptanonWrapper() on load and after each save, and
// its settings button (class ot-sdk-show-settings).
// Groups: C0001 strictly necessary, C0002 performance (the tag's "analytics"), C0004 targeting ("advertising").
;(function () {
  'use strict'
  var KEY = 'onetrust-stand-in'
  var changed = []
  var stored = document.cookie.match(/(?:^|; )onetrust-stand-in=([^;]*)/)
  var banner

  function save(groups) {
    document.cookie = KEY + '=' + encodeURIComponent(groups) + ';path=/;max-age=31536000;samesite=lax'
    window.OnetrustActiveGroups = groups
    changed.forEach(function (callback) {
      callback({ detail: groups.split(',').filter(Boolean) })
    })
    if (typeof window.OptanonWrapper === 'function') window.OptanonWrapper()
    if (banner) banner.remove()
    banner = null
  }

  function button(text, groups, secondary) {
    var b = document.createElement('button')
    b.type = 'button'
    b.textContent = text
    if (secondary) b.className = 'secondary'
    b.addEventListener('click', function () {
      save(groups)
    })
    return b
  }

  function show() {
    if (banner) return
    banner = document.createElement('section')
    banner.className = 'consent-banner onetrust'
    banner.setAttribute('role', 'dialog')
    banner.setAttribute('aria-label', 'OneTrust cookie consent (stand-in)')
    banner.setAttribute('data-analytics-ignore', '')
    var text = document.createElement('p')
    text.innerHTML = '<strong>OneTrust (stand-in).</strong> This page asks through OneTrust: the tag reads its groups (data-consent-onetrust="analytics:C0002,advertising:C0004").'
    var actions = document.createElement('div')
    actions.className = 'consent-actions'
    actions.append(button('Accept All Cookies', ',C0001,C0002,C0004,'), button('Reject All', ',C0001,', true), button('Performance only', ',C0001,C0002,', true))
    banner.append(text, actions)
    document.body.append(banner)
  }

  // OneTrust's script loads from its CDN a moment after the page: so does the stand-in.
  setTimeout(function () {
    window.OnetrustActiveGroups = stored ? decodeURIComponent(stored[1]) : ',C0001,' // an opt-in region's default
    window.OneTrust = {
      OnConsentChanged: function (callback) {
        changed.push(callback)
      },
      ToggleInfoDisplay: show,
    }
    document.addEventListener('click', function (event) {
      if (event.target instanceof Element && event.target.closest('.ot-sdk-show-settings')) show()
    })
    if (!stored) show()
    if (typeof window.OptanonWrapper === 'function') window.OptanonWrapper()
  }, 300)
})()
