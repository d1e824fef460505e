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
