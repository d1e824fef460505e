// The page's own Ada settings for the chat tests: each callback records its call (its arguments, and whether
// `this` is the settings object) and returns a value.
window.calls = []
window.adaSettings = { handle: 'academy-test' }
for (const name of ['onAdaEmbedLoaded', 'adaReadyCallback', 'toggleCallback', 'conversationEndCallback']) {
  window.adaSettings[name] = function (...args) {
    window.calls.push({ name, args, self: this === window.adaSettings })
    return name
  }
}
