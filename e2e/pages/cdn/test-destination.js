// An action destination as Segment's CDN serves one: a script that defines a plugin factory on window.
// It records what it receives in window.deviceMode, so a test can read what the destination saw.
window.testDestination = function (settings) {
  var received = (window.deviceMode = [])
  var record = function (ctx) {
    received.push({ type: ctx.event.type, event: ctx.event.event, label: settings.label })
    return ctx
  }
  return {
    name: 'Test Destination',
    type: 'destination',
    version: '1.0.0',
    isLoaded: function () { return true },
    load: function () { return Promise.resolve() },
    page: record,
    track: record,
  }
}
