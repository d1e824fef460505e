/**
 * A stand-in for Ada's web chat embed (the legacy Chat web SDK, "Embed2", https://static.ada.support/embed2.js),
 * for the demo site and the tests. It has the public surface the academy-analytics adapter relies on, and a
 * small chat drawer with a canned bot, so the chat events can be seen without an Ada account:
 *
 * - like Ada, it takes its settings from `window.adaSettings` when it loads, and reads each callback from that
 *   object when it calls it: `onAdaEmbedLoaded()` once `window.adaEmbed` exists, `adaReadyCallback({ isRolledOut })`
 *   once the chat button is on the page, `toggleCallback(isDrawerOpen)` on every open and close, and
 *   `conversationEndCallback(event)` when the visitor ends the conversation;
 * - `window.adaEmbed`: `subscribeEvent(key, callback)` (a promise of the subscription id; a key also matches the
 *   events below it, `ada:conversation` matches `ada:conversation:message`), `unsubscribeEvent(id)`, `toggle()`,
 *   `getInfo()`;
 * - events, each `callback(data, { eventKey })`: `ada:conversation:message` { author, conversation_id, message_id },
 *   `ada:minimize_chat` and `ada:close_chat` { conversation_id, is_engaged }, `ada:end_conversation`
 *   { chatter_id, event_data: { chatter_transcript } }.
 *
 * Ada documents `ada:conversation:message` for the messages the visitor receives. This stand-in also reports the
 * visitor's own (author `end_user`), the stricter case, to show that they are not counted as received.
 */
(function () {
  'use strict'
  if (window.adaEmbed) return

  var settings = window.adaSettings || {}
  var subscriptions = []
  var lastSubscription = 0
  var chatterId = 'chatter-' + randomId()
  var conversation = null
  var isOpen = false
  var ui

  function randomId() {
    return Math.random().toString(36).slice(2, 10)
  }

  function callback(name, argument) {
    var fn = settings[name]
    if (typeof fn === 'function') fn.call(settings, argument)
  }

  function publish(eventKey, data) {
    subscriptions.slice().forEach(function (subscription) {
      if (eventKey === subscription.key || eventKey.indexOf(subscription.key + ':') === 0) subscription.callback(data, { eventKey: eventKey })
    })
  }

  function startConversation() {
    conversation = { id: 'conv-' + randomId(), engaged: false, transcript: [] }
    ui.ended.hidden = true
  }

  function say(author, text) {
    if (!conversation) startConversation()
    if (author === 'end_user') conversation.engaged = true
    conversation.transcript.push((author === 'end_user' ? 'Visitor: ' : 'Bot: ') + text)
    var line = document.createElement('p')
    line.className = 'ada-message ada-' + author
    line.textContent = text
    ui.messages.appendChild(line)
    ui.messages.scrollTop = ui.messages.scrollHeight
    publish('ada:conversation:message', { author: author, conversation_id: conversation.id, message_id: 'msg-' + randomId() })
  }

  function setOpen(open, closeEvent) {
    if (open === isOpen) return
    isOpen = open
    ui.drawer.hidden = !open
    ui.button.setAttribute('aria-expanded', String(open))
    callback('toggleCallback', open)
    if (!open) publish(closeEvent || 'ada:minimize_chat', { conversation_id: conversation ? conversation.id : '', is_engaged: !!(conversation && conversation.engaged) })
    if (open && !conversation) say('bot', 'Hi! I am the Academy support bot. How can I help you today?')
    if (open) ui.input.focus()
  }

  function endConversation() {
    if (!conversation) return
    var transcript = conversation.transcript.join('\n')
    conversation = null
    ui.ended.hidden = false
    publish('ada:end_conversation', { chatter_id: chatterId, event_data: { chatter_transcript: transcript } })
    callback('conversationEndCallback', { chatter_id: chatterId, session_id: 'session-' + randomId(), event_data: { event_name: 'end_conversation', chatter_transcript: transcript } })
  }

  function render() {
    var style = document.createElement('style')
    style.textContent =
      '#ada-chat-button{position:fixed;left:24px;bottom:24px;z-index:20;border-radius:24px;padding:12px 18px}' +
      '#ada-chat-drawer{position:fixed;left:24px;bottom:84px;z-index:20;width:320px;background:#fff;border:1px solid #d6dde6;border-radius:12px;box-shadow:0 8px 24px rgba(0,0,0,.15);display:flex;flex-direction:column;font:14px system-ui,sans-serif}' +
      '#ada-chat-drawer[hidden]{display:none}' +
      '#ada-chat-drawer header{display:flex;align-items:center;gap:6px;padding:10px 12px;border-bottom:1px solid #d6dde6}' +
      '#ada-chat-drawer header strong{flex:1}' +
      '#ada-chat-drawer header button{padding:2px 8px}' +
      '.ada-messages{height:220px;overflow-y:auto;padding:8px 12px}' +
      '.ada-message{margin:6px 0;padding:8px 10px;border-radius:10px;max-width:85%}' +
      '.ada-bot{background:#eef3f8}.ada-end_user{background:#0b6e99;color:#fff;margin-left:auto}' +
      '.ada-ended{margin:6px 12px;color:#667}' +
      '#ada-chat-drawer form{display:flex;gap:6px;padding:10px 12px;border-top:1px solid #d6dde6}#ada-chat-drawer input{flex:1}'
    document.head.appendChild(style)

    var button = document.createElement('button')
    button.id = 'ada-chat-button'
    button.type = 'button'
    button.textContent = 'Chat with us'
    button.setAttribute('aria-expanded', 'false')
    button.setAttribute('aria-controls', 'ada-chat-drawer')

    var drawer = document.createElement('section')
    drawer.id = 'ada-chat-drawer'
    drawer.hidden = true
    drawer.setAttribute('aria-label', 'Support chat')
    drawer.innerHTML =
      '<header><strong>Academy support</strong>' +
      '<button type="button" id="ada-end" class="secondary">End chat</button>' +
      '<button type="button" id="ada-minimize" class="secondary" aria-label="Minimize">&minus;</button>' +
      '<button type="button" id="ada-close" class="secondary" aria-label="Close">&times;</button></header>' +
      '<div class="ada-messages" role="log"></div>' +
      '<p class="ada-ended" hidden>The conversation has ended. Write again to start a new one.</p>' +
      '<form><input id="ada-input" autocomplete="off" aria-label="Message" placeholder="Type your question"><button type="submit" id="ada-send">Send</button></form>'
    document.body.appendChild(drawer)
    document.body.appendChild(button)

    ui = {
      button: button,
      drawer: drawer,
      messages: drawer.querySelector('.ada-messages'),
      ended: drawer.querySelector('.ada-ended'),
      input: drawer.querySelector('#ada-input'),
    }
    button.addEventListener('click', function () {
      window.adaEmbed.toggle()
    })
    drawer.querySelector('#ada-minimize').addEventListener('click', function () {
      setOpen(false, 'ada:minimize_chat')
    })
    drawer.querySelector('#ada-close').addEventListener('click', function () {
      setOpen(false, 'ada:close_chat')
    })
    drawer.querySelector('#ada-end').addEventListener('click', endConversation)
    drawer.querySelector('form').addEventListener('submit', function (event) {
      event.preventDefault()
      var text = ui.input.value.trim()
      if (!text) return
      ui.input.value = ''
      say('end_user', text)
      var asked = conversation
      setTimeout(function () {
        if (conversation === asked) say('bot', 'Thanks for your question! A support specialist will follow up by e-mail within one business day.')
      }, 300)
    })
    callback('adaReadyCallback', { isRolledOut: true })
  }

  window.adaEmbed = {
    subscribeEvent: function (key, fn) {
      lastSubscription += 1
      subscriptions.push({ id: lastSubscription, key: key, callback: fn })
      return Promise.resolve(lastSubscription)
    },
    unsubscribeEvent: function (id) {
      subscriptions = subscriptions.filter(function (subscription) {
        return subscription.id !== id
      })
      return Promise.resolve()
    },
    toggle: function () {
      if (ui) setOpen(!isOpen)
      return Promise.resolve()
    },
    getInfo: function () {
      return Promise.resolve({ hasActiveChatter: !!conversation, hasClosedChat: !isOpen && !!conversation, isChatOpen: isOpen, isDrawerOpen: isOpen })
    },
  }
  callback('onAdaEmbedLoaded')

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', render)
  else render()
})()
