// An AJAX store: product and promotion links open in place, the form is sent by script.
document.addEventListener('click', (event) => event.target.closest('a[href]:not(#go)') && event.preventDefault())
document.getElementById('reset').addEventListener('submit', (event) => event.preventDefault())
