// The test names the navigating link's event and target in the query: ?id=nav-7&to=http://…
const params = new URLSearchParams(location.search)
const go = document.getElementById('go')
if (params.get('id')) go.setAttribute('data-analytics-prop-promotion-id', params.get('id'))
if (params.get('to')) go.href = params.get('to')
