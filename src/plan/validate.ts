/**
 * Validate-and-coerce against the whole tracking plan (the engine is fields.ts). Never throws; never trusts its
 * input. Values from HTML attributes arrive as strings, values from JS callers arrive typed.
 */
import { plan, type Side } from './events'
import { refusal, refuse, show, specIn, validateEventIn, validateFields, type Validation } from './fields'

export * from './fields'

/** Why the event may not be sent (from `side`), in the words the tag reports it with; undefined when it may. */
export function refusalOf(name: string, side?: Side): string | undefined {
  return refusal(name, specIn(plan, name), side)
}

/**
 * Validates the track (or page) properties of an event. With `side`, an event of the other side is refused.
 * Unknown events and Logout (a reset, not a track) are refused.
 */
export function validateEvent(name: string, input: Record<string, unknown>, side?: Side): Validation {
  return validateEventIn(plan, name, input, side)
}

/** Validates the identify traits of a server event that sends Identify first (label "<name> traits"). */
export function validateTraits(name: string, input: Record<string, unknown>): Validation {
  const spec = specIn(plan, name)
  const no = refusal(name, spec, undefined)
  if (no || !spec) return refuse(no ?? '')
  return spec.traits
    ? validateFields(spec.traits, input, `${name} traits`)
    : refuse(`${show(name)} sends no Identify; it has no traits in the plan`)
}
