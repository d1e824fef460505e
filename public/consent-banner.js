// The demo's consent banner: any banner only has to call academyAnalytics.consent() with the visitor's choice.
// Shown on every page until a choice exists (the tag keeps it in its academy_consent cookie); "Cookie settings" at the
// foot of each page opens it again, to change or withdraw the choice. Nothing in it is tracked (data-analytics-ignore).
;(function () {
  'use strict'
  if (document.querySelector('script[data-consent-onetrust]')) return // that page asks through OneTrust

  function current() {
    var match = document.cookie.match(/(?:^|; )academy_consent=([^;]*)/)
    try {
      return match ? JSON.parse(decodeURIComponent(match[1])) : null
    } catch (e) {
      return null
    }
  }

  // The tag may still be on its way (it is async): consent() is there as soon as its script has run.
  function choose(categories) {
    if (window.academyAnalytics) return window.academyAnalytics.consent(categories)
    setTimeout(function () {
      choose(categories)
    }, 50)
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag)
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k]
      else node.setAttribute(k, attrs[k])
    })
    ;(children || []).forEach(function (c) {
      node.append(c)
    })
    return node
  }

  var banner
  function open() {
    if (banner) return
    var choice = current() || {}
    var analytics = el('input', { type: 'checkbox', id: 'consent-analytics' })
    var advertising = el('input', { type: 'checkbox', id: 'consent-advertising' })
    analytics.checked = choice.analytics === true
    advertising.checked = choice.advertising === true
    var details = el('div', { class: 'consent-details', hidden: '' }, [
      el('label', null, [analytics, ' Analytics: how the Academy is used, to make it better']),
      el('label', null, [advertising, ' Advertising: relevant course offers on other sites']),
      el('button', { type: 'button', class: 'secondary', 'data-choice': 'save', text: 'Save my choices' }),
    ])
    banner = el('section', { class: 'consent-banner', role: 'dialog', 'aria-label': 'Cookie consent', 'data-analytics-ignore': '' }, [
      el('p', null, [
        el('strong', { text: 'Your privacy at Relias Academy. ' }),
        'We would like to use cookies to understand how the Academy is used and to show you relevant offers. Nothing is collected until you choose.',
      ]),
      el('div', { class: 'consent-actions' }, [
        el('button', { type: 'button', 'data-choice': 'accept', text: 'Accept all' }),
        el('button', { type: 'button', class: 'secondary', 'data-choice': 'decline', text: 'Decline' }),
        el('button', { type: 'button', class: 'link', 'data-choice': 'choose', text: 'Choose categories' }),
      ]),
      details,
    ])
    banner.addEventListener('click', function (event) {
      var action = event.target instanceof Element && event.target.getAttribute('data-choice')
      if (action === 'choose') return void (details.hidden = false)
      if (action === 'accept') choose({ analytics: true, advertising: true })
      else if (action === 'decline') choose({ analytics: false, advertising: false })
      else if (action === 'save') choose({ analytics: analytics.checked, advertising: advertising.checked })
      else return
      banner.remove()
      banner = null
    })
    document.body.append(banner)
  }

  function start() {
    var settings = el('button', { type: 'button', class: 'link', text: 'Cookie settings' })
    settings.addEventListener('click', open)
    document.body.append(el('footer', { class: 'site-footer', 'data-analytics-ignore': '' }, [settings, ' · ', el('a', { href: '/privacy.html', text: 'Privacy (OneTrust variant)' })]))
    if (!current()) open()
  }

  if (document.body) start()
  else document.addEventListener('DOMContentLoaded', start)
})()
