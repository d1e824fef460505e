// As whatwg-fetch's README documents for a page that wants the polyfill even where the browser has fetch.
window.fetch = WHATWGFetch.fetch
