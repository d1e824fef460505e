// The generic page's own behaviour: an AJAX form that handles its submit itself, and markup inserted later.
document.getElementById('form').addEventListener('submit', (event) => event.preventDefault())
document.getElementById('insert').addEventListener('click', () => {
  document.body.insertAdjacentHTML('beforeend', '<p id="late" data-analytics-event="Forgot Password Email Sent" data-analytics-on="load">late</p>')
})
