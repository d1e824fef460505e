/**
 * The Academy tracking plan (shared/tracking-plan.md) as data. Event names are exact and case-sensitive.
 * Product and order properties follow Segment's eCommerce spec v2; chat events follow the Live Chat spec.
 * Written in two halves, client-events.ts and server-events.ts, so that the tag's bundle holds the first alone.
 */
import { clientEvents, freeze } from './client-events'
import { serverEvents } from './server-events'
import type { Fields, InferFields } from './schema'

export { clientEvents, product, type EventSpec, type Events, type Side } from './client-events'
export { licence, serverEvents } from './server-events'

/** The whole plan: the client-side events, then the server-side ones. */
export const plan = freeze({ ...clientEvents, ...serverEvents })


type Plan = typeof plan
export type EventName = keyof Plan
export type ClientEventName = { [N in EventName]: Plan[N]['side'] extends 'client' ? N : never }[EventName]
export type ServerEventName = { [N in EventName]: Plan[N]['side'] extends 'server' ? N : never }[EventName]
/** The properties of an event, typed from its spec. */
export type PropertiesOf<N extends EventName> = InferFields<Plan[N]['properties']>
/** The identify traits of a server event sent with Identify first; `never` for events without an Identify. */
export type TraitsOf<N extends EventName> = Plan[N] extends { traits: infer T extends Fields } ? InferFields<T> : never

export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(plan, name)
