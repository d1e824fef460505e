// This Chromium's Promise passes core-js's checks: removed first, as an old browser has none, so core-js installs its own.
delete window.Promise
