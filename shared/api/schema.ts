// A small schema language for API requests: each schema checks a value, rebuilds it from known fields and gives its type.
import { plural } from '../plural';
import { ApiError, type ApiErrorCode } from './errors';

/** The JSON types a value can have, as a schema names what it takes. */
export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

/**
 * Checks what a request holds at one place and returns it rebuilt from known fields (O), or throws
 * an ApiError naming the place. I is what a caller may send there. The other members describe the
 * rule, for messages and for tests that build bodies a schema refuses.
 */
export interface Schema<O, I = O> {
  check(value: unknown, where: string): O;
  /** The JSON types it may take (anything else is refused). */
  readonly types: readonly JsonType[];
  /** A value it takes. */
  readonly example: I;
  /** For a string: the most characters; for an array: the most items. */
  readonly max?: number;
  /** For a number: the least; for an array: the fewest items. */
  readonly min?: number;
  /** For a choice: the strings it takes. */
  readonly choices?: readonly string[];
  /** For an object: its fields. */
  readonly fields?: Readonly<Record<string, AnySchema>>;
  /** For an array: its items. */
  readonly items?: AnySchema;
  /** For variants: the field that names the variant, and each variant's fields. */
  readonly variants?: { key: string; fields: Readonly<Record<string, Fields>> };
  /** Whether an object may leave it out: 'optional' keeps it absent, 'default' fills it in. */
  readonly absent?: 'optional' | 'default';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema, whatever it yields
export type AnySchema = Schema<any, any>;
type Fields = Record<string, AnySchema>;

export type Output<S> = S extends Schema<infer O, unknown> ? O : never;
export type Input<S> = S extends Schema<unknown, infer I> ? I : never;

type Flat<T> = { [K in keyof T]: T[K] } & {};
type KeysWhere<F, Absent> = {
  [K in keyof F]: F[K] extends { absent: Absent } ? K : never;
}[keyof F];
type MayLack<F> = KeysWhere<F, 'optional' | 'default'>;
type Optional<F> = KeysWhere<F, 'optional'>;

/** What a caller sends for fields: fields that may be absent are optional. */
type ObjectInput<F> = Flat<
  { [K in Exclude<keyof F, MayLack<F>>]: Input<F[K]> } & {
    [K in MayLack<F>]?: Exclude<Input<F[K]>, undefined>;
  }
>;
/** What a check gives for fields: defaults filled in, optional ones possibly absent. */
type ObjectOutput<F> = Flat<
  { [K in Exclude<keyof F, Optional<F>>]: Output<F[K]> } & {
    [K in Optional<F>]?: Exclude<Output<F[K]>, undefined>;
  }
>;

function refuse(where: string, rule: string, code: ApiErrorCode = 'invalid-request'): never {
  throw new ApiError(code, `"${where}" must be ${rule}`);
}

function typeOf(value: unknown): JsonType | 'other' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'object'
    ? type
    : 'other';
}

/** A string of at most max characters (any length without max). */
export function text(example: string, max?: number): Schema<string> {
  return {
    types: ['string'],
    max,
    example,
    check(value, where) {
      if (typeof value !== 'string') refuse(where, 'a string');
      if (max !== undefined && value.length > max) {
        refuse(where, `a string of at most ${plural(max, 'character')}`);
      }
      return value;
    },
  };
}

/** A schema whose checked value must also pass rule: it answers what is wrong, naming where, or null. */
export function refined<O, I>(
  schema: Schema<O, I>,
  rule: (value: O, where: string) => string | null,
): Schema<O, I> {
  return {
    ...schema,
    check(value, where) {
      const checked = schema.check(value, where);
      const problem = rule(checked, where);
      if (problem !== null) throw new ApiError('invalid-request', problem);
      return checked;
    },
  };
}

/** A leaf checked by a function of its own, which throws an ApiError naming where. */
export function custom<T>(
  types: readonly JsonType[],
  example: T,
  check: (value: unknown, where: string) => T,
  max?: number,
): Schema<T> {
  return { types, example, check, max };
}

/** A whole number (a safe integer), at or above min and at most max when given. */
export function whole(min?: number, max?: number): Schema<number> {
  const bounds = [
    min === undefined ? '' : ` at or above ${min}`,
    max === undefined ? '' : ` at most ${max}`,
  ];
  const rule = `a whole number${bounds.filter(Boolean).join(' and')}`;
  return {
    types: ['number'],
    min,
    example: min ?? 0,
    check(value, where) {
      if (
        typeof value !== 'number' ||
        !Number.isSafeInteger(value) ||
        value < (min ?? -Infinity) ||
        value > (max ?? Infinity)
      ) {
        refuse(where, rule);
      }
      return value;
    },
  };
}

export const boolean: Schema<boolean> = {
  types: ['boolean'],
  example: false,
  check(value, where) {
    if (typeof value !== 'boolean') refuse(where, 'true or false');
    return value;
  },
};

/** One of a list of strings. */
export function oneOf<const T extends string>(choices: readonly T[]): Schema<T> {
  return {
    types: ['string'],
    choices,
    example: choices[0],
    check(value, where) {
      const choice = choices.find((known) => known === value);
      if (choice === undefined) refuse(where, `one of ${choices.map((c) => `"${c}"`).join(', ')}`);
      return choice;
    },
  };
}

/** A value or null. */
export function nullable<O, I>(schema: Schema<O, I>): Schema<O | null, I | null> {
  return {
    ...schema,
    types: [...schema.types, 'null'],
    check: (value, where) => (value === null ? null : schema.check(value, where)),
  };
}

/** A field an object may leave out. */
export function optional<O, I>(
  schema: Schema<O, I>,
): Schema<O | undefined, I | undefined> & { absent: 'optional' } {
  return {
    ...schema,
    absent: 'optional',
    check: (value, where) => (value === undefined ? undefined : schema.check(value, where)),
  };
}

/** A field an object may leave out, then taken as fallback. */
export function withDefault<O, I>(
  schema: Schema<O, I>,
  fallback: O,
): Schema<O, I | undefined> & { absent: 'default' } {
  return {
    ...schema,
    absent: 'default',
    check: (value, where) => (value === undefined ? fallback : schema.check(value, where)),
  };
}

/** The own property key of value (so `__proto__` and inherited members read as absent). */
function own(value: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

function checkObject(value: unknown, where: string): Record<string, unknown> {
  if (typeOf(value) !== 'object') refuse(where, 'a JSON object');
  return value as Record<string, unknown>;
}

function checkFields<F extends Fields>(
  fields: F,
  value: Record<string, unknown>,
  where: string,
): ObjectOutput<F> {
  const checked: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(fields)) {
    const field = schema.check(own(value, key), where ? `${where}.${key}` : key);
    if (field !== undefined) checked[key] = field;
  }
  return checked as ObjectOutput<F>;
}

function exampleOf(fields: Fields): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, schema.example]));
}

/** An object rebuilt from its known fields only (others are dropped); where '' is the request itself. */
export function object<F extends Fields>(fields: F): Schema<ObjectOutput<F>, ObjectInput<F>> {
  return {
    types: ['object'],
    fields,
    example: exampleOf(fields) as ObjectInput<F>,
    check: (value, where) => checkFields(fields, checkObject(value, where || 'the request'), where),
  };
}

type VariantOutput<K extends string, V extends Record<string, Fields>> = {
  [N in keyof V & string]: Flat<{ [P in K]: N } & ObjectOutput<V[N]>>;
}[keyof V & string];
type VariantInput<K extends string, V extends Record<string, Fields>> = {
  [N in keyof V & string]: Flat<{ [P in K]: N } & ObjectInput<V[N]>>;
}[keyof V & string];

/** An object whose field key names which of the variants it is, each with its own fields. */
export function variants<const K extends string, const V extends Record<string, Fields>>(
  key: K,
  fields: V,
): Schema<VariantOutput<K, V>, VariantInput<K, V>> {
  const names = Object.keys(fields);
  return {
    types: ['object'],
    variants: { key, fields },
    example: { [key]: names[0], ...exampleOf(fields[names[0]]) } as VariantInput<K, V>,
    check(value, where) {
      const body = checkObject(value, where);
      const name = own(body, key);
      if (typeof name !== 'string' || !Object.hasOwn(fields, name)) {
        refuse(`${where}.${key}`, `one of ${names.join(', ')}`);
      }
      return { [key]: name, ...checkFields(fields[name], body, where) } as VariantOutput<K, V>;
    },
  };
}

/** An array of min to max items; more than max answers `tooMany` (too-large for a size limit). */
export function array<O, I>(
  items: Schema<O, I>,
  {
    min = 0,
    max,
    tooMany = 'invalid-request',
  }: { min?: number; max: number; tooMany?: ApiErrorCode },
): Schema<O[], I[]> {
  const rule = `an array of ${min} to ${max} items`;
  return {
    types: ['array'],
    items,
    min,
    max,
    example: Array.from({ length: Math.max(min, 1) }, () => items.example),
    check(value, where) {
      if (!Array.isArray(value) || value.length < min) refuse(where, rule);
      if (value.length > max) refuse(where, rule, tooMany);
      // Array.from visits holes too (map would skip them and keep them).
      return Array.from(value as unknown[], (item, index) =>
        items.check(item, `${where}[${index}]`),
      );
    },
  };
}
