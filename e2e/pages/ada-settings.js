// The page's own Ada settings for the chat tests. Each callback records its call (its arguments, and whether
// `this` is the settings object) and returns a value; `pageCallbacks` keeps the page's functions, so a test can
// tell when the tag's adapter has wrapped them.
window.calls = []
window.adaSettings = { handle: 'academy-test' }
for (const name of ['onAdaEmbedLoaded', 'adaReadyCallback', 'toggleCallback', 'conversationEndCallback']) {
  window.adaSettings[name] = function (...args) {
    window.calls.push({ name, args, self: this === window.adaSettings })
    return name
  }
}
window.pageCallbacks = { ...window.adaSettings }
