// The demo site's own behaviour (no analytics code here: the tag reads the data-attributes by itself).
const toggle = document.getElementById('mini-cart-toggle')
const miniCart = document.getElementById('mini-cart')
toggle?.addEventListener('click', () => {
  miniCart.hidden = !miniCart.hidden
  toggle.setAttribute('aria-expanded', String(!miniCart.hidden))
})

// "Load more" on the catalog appends the next products to the same list, as the store's AJAX pager does.
const more = document.getElementById('more-products')
document.getElementById('load-more')?.addEventListener('click', (event) => {
  document.getElementById('catalog').append(more.content.cloneNode(true))
  event.currentTarget.disabled = true
})

// "Add to cart" asks the demo server to add the course; the server sends Product Added (a server-side event).
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element && event.target.closest('[data-analytics-product] button')
  if (!button || button.textContent.trim() !== 'Add to cart') return
  const productId = button.closest('[data-analytics-product]').getAttribute('data-analytics-product')
  fetch('/cart/add', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ product_id: productId }),
  })
    .then((res) => (res.ok ? res.json() : Promise.reject(new Error('HTTP ' + res.status))))
    .then((cart) => notify(`Added to your cart (${cart.count} in all). `, 'Checkout', '/checkout'))
    .catch(() => notify('The course could not be added to your cart.'))
})

function notify(text, linkText, href) {
  let toast = document.getElementById('toast')
  if (!toast) {
    toast = document.createElement('p')
    toast.id = 'toast'
    toast.className = 'toast'
    toast.setAttribute('role', 'status')
    document.body.append(toast)
  }
  toast.textContent = text
  if (linkText) {
    const link = document.createElement('a')
    link.href = href
    link.textContent = linkText
    toast.append(link)
  }
}
