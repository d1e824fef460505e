/**
 * A tiny schema vocabulary: the subset of JSON Schema draft-07 the tracking plan needs.
 * `required` sits on the field itself (the JSON Schema export lifts it into the parent's `required` list).
 * Pure data: shared by the browser tag and the Node server-side emitter.
 */
export type Field =
  | { type: 'string'; required?: true; pattern?: string /* RegExp source, anchored */; enum?: readonly string[]; format?: 'date' }
  | { type: 'number' | 'integer' | 'boolean'; required?: true }
  | { type: 'object'; required?: true; properties: Fields }
  | { type: 'array'; required?: true; items: Field; minItems?: number }
export type Fields = Readonly<Record<string, Field>>

// Compact constructors. They keep literal types, so the TypeScript types below can be derived from the plan.
export const str = { type: 'string' } as const
export const num = { type: 'number' } as const
export const int = { type: 'integer' } as const
export const bool = { type: 'boolean' } as const
/** A `YYYY-MM-DD` string that is a real calendar date. */
export const date = { type: 'string', format: 'date' } as const
/** A string matching an anchored RegExp source, e.g. `matching('^[A-Z]{2}$')`. */
export const matching = <const P extends string>(pattern: P) => ({ type: 'string', pattern }) as const
/** A string that is one of the given values. */
export const oneOf = <const E extends readonly string[]>(...values: E) => ({ type: 'string', enum: values }) as const
export const obj = <const P extends Fields>(properties: P) => ({ type: 'object', properties }) as const
export const arr = <const I extends Field>(items: I, minItems?: number): { readonly type: 'array'; readonly items: I; readonly minItems?: number } =>
  minItems === undefined ? { type: 'array', items } : { type: 'array', items, minItems }
export const req = <const F extends Field>(field: F): F & { readonly required: true } => ({ ...field, required: true })

// TypeScript types derived from field specs: required fields non-optional, the others optional.
type Simplify<T> = { [K in keyof T]: T[K] } & {}
type IsRequired<F> = F extends { required: true } ? true : false

export type InferField<F> = F extends { type: 'string'; enum: readonly (infer E extends string)[] }
  ? E
  : F extends { type: 'string' }
    ? string
    : F extends { type: 'number' | 'integer' }
      ? number
      : F extends { type: 'boolean' }
        ? boolean
        : F extends { type: 'object'; properties: infer P extends Fields }
          ? InferFields<P>
          : F extends { type: 'array'; items: infer I }
            ? InferField<I>[]
            : never

export type InferFields<P extends Fields> = Simplify<
  { -readonly [K in keyof P as IsRequired<P[K]> extends true ? K : never]: InferField<P[K]> } & {
    -readonly [K in keyof P as IsRequired<P[K]> extends true ? never : K]?: InferField<P[K]>
  }
>
