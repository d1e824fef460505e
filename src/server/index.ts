/** The server-side emitter: the Academy server's events of the tracking plan, Identify before Track. */
export { createServerAnalytics, type Licence, type Outcome, type Profile, type ServerAnalytics, type ServerAnalyticsOptions, type User, type Visitor } from './analytics'
export { anonymousIdFromCookie } from './cookie'
export { CONSENT_COOKIE, consentFromCookie, type ConsentOptions } from './consent'
