// The support page's own Ada settings, as a store page defines them before Ada's embed script. Its callbacks are
// the page's own behaviour (a status line): the analytics tag wraps them and they still run.
const chatStatus = document.getElementById('chat-status')
window.adaSettings = {
  handle: 'relias-academy-demo',
  adaReadyCallback: () => {
    chatStatus.textContent = 'Chat is available: use the "Chat with us" button.'
  },
  toggleCallback: (isDrawerOpen) => {
    chatStatus.textContent = isDrawerOpen ? 'Chat is open.' : 'Chat is minimized.'
  },
  conversationEndCallback: () => {
    chatStatus.textContent = 'Thanks for chatting with us.'
  },
}
