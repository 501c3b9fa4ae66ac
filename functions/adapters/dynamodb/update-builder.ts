/**
 * A small typed builder of DynamoDB update and condition expressions: attribute names and values get generated
 * placeholders, so no expression map is written by hand and a reserved word (status, type, owner) cannot slip through.
 */

/** Placeholders for the names and values one expression uses; the same name always gets the same placeholder. */
export class Placeholders {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private readonly byName = new Map<string, string>();

  /** The `#n…` placeholder of an attribute name. */
  name(attribute: string): string {
    let placeholder = this.byName.get(attribute);
    if (!placeholder) {
      placeholder = `#n${this.byName.size}`;
      this.byName.set(attribute, placeholder);
      this.names[placeholder] = attribute;
    }
    return placeholder;
  }

  /** A fresh `:v…` placeholder holding `value`. */
  value(value: unknown): string {
    const placeholder = `:v${Object.keys(this.values).length}`;
    this.values[placeholder] = value;
    return placeholder;
  }
}

/** A condition, rendered against the placeholders of the request it belongs to; `compound` when it is an AND or OR. */
export type Condition<T> = {
  readonly render: (p: Placeholders) => string;
  readonly compound?: boolean;
  readonly _item?: T;
};

const condition = <T>(render: (p: Placeholders) => string): Condition<T> => ({ render });

/**
 * Conditions joined by AND or OR, with parentheses only around a compound one: DynamoDB needs no more, and the
 * emulator's parser (dynalite) backtracks on each pair, which made one conditional write cost over a millisecond.
 */
const joined = <T>(operator: "AND" | "OR", parts: readonly Condition<T>[]): Condition<T> => ({
  compound: true,
  render: (p) => parts.map((c) => (c.compound ? `(${c.render(p)})` : c.render(p))).join(` ${operator} `),
});

/** Conditions on an item of type `T` (its attribute names are checked by the compiler). */
export function conditions<T extends object>() {
  type Key = Extract<keyof T, string>;
  return {
    exists: (attribute: Key | "pk") => condition<T>((p) => `attribute_exists(${p.name(attribute)})`),
    notExists: (attribute: Key | "pk") => condition<T>((p) => `attribute_not_exists(${p.name(attribute)})`),
    equals: <K extends Key>(attribute: K, value: T[K]) =>
      condition<T>((p) => `${p.name(attribute)} = ${p.value(value)}`),
    oneOf: <K extends Key>(attribute: K, values: readonly T[K][]) =>
      condition<T>((p) => `${p.name(attribute)} IN (${values.map((v) => p.value(v)).join(", ")})`),
    and: (...all: Condition<T>[]) => joined("AND", all),
    or: (...any: Condition<T>[]) => joined("OR", any),
  };
}

/** The parts of an UpdateItem request the builder makes, ready to spread into an `UpdateCommand`. */
export interface BuiltUpdate {
  readonly UpdateExpression: string;
  readonly ConditionExpression?: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues?: Record<string, unknown>;
}

type ArrayKeys<T> = { [K in keyof T]-?: NonNullable<T[K]> extends readonly unknown[] ? K : never }[keyof T];
type NumberKeys<T> = { [K in keyof T]-?: NonNullable<T[K]> extends number ? K : never }[keyof T];

/** An update of an item of type `T`: SET, SET if_not_exists, list append, ADD, REMOVE, and a condition. */
export class Update<T extends object> {
  private readonly sets: ((p: Placeholders) => string)[] = [];
  private readonly adds: ((p: Placeholders) => string)[] = [];
  private readonly removes: ((p: Placeholders) => string)[] = [];
  private guard: Condition<T> | undefined;

  /** `attribute = value`. */
  set<K extends Extract<keyof T, string>>(attribute: K, value: T[K]): this {
    this.sets.push((p) => `${p.name(attribute)} = ${p.value(value)}`);
    return this;
  }

  /** `attribute = if_not_exists(attribute, value)`: written once, never overwritten. */
  setIfNotExists<K extends Extract<keyof T, string>>(attribute: K, value: T[K]): this {
    this.sets.push((p) => {
      const name = p.name(attribute);
      return `${name} = if_not_exists(${name}, ${p.value(value)})`;
    });
    return this;
  }

  /** Appends to a list attribute, starting it if absent. */
  append<K extends Extract<ArrayKeys<T>, string>>(attribute: K, items: NonNullable<T[K]>): this {
    this.sets.push((p) => {
      const name = p.name(attribute);
      return `${name} = list_append(if_not_exists(${name}, ${p.value([])}), ${p.value(items)})`;
    });
    return this;
  }

  /** `ADD attribute amount` on a number (absent counts as 0). */
  add<K extends Extract<NumberKeys<T>, string>>(attribute: K, amount: number): this {
    this.adds.push((p) => `${p.name(attribute)} ${p.value(amount)}`);
    return this;
  }

  /** `REMOVE attribute`. */
  remove(attribute: Extract<keyof T, string>): this {
    this.removes.push((p) => p.name(attribute));
    return this;
  }

  /** The condition the item must meet for the update to happen (replaces any earlier one). */
  when(guard: Condition<T>): this {
    this.guard = guard;
    return this;
  }

  /** The expression and its generated names and values. */
  build(): BuiltUpdate {
    const p = new Placeholders();
    const clauses = [
      ["SET", this.sets],
      ["ADD", this.adds],
      ["REMOVE", this.removes],
    ] as const;
    const UpdateExpression = clauses
      .filter(([, parts]) => parts.length > 0)
      .map(([verb, parts]) => `${verb} ${parts.map((part) => part(p)).join(", ")}`)
      .join(" ");
    if (!UpdateExpression) throw new Error("An update needs at least one action.");
    const ConditionExpression = this.guard?.render(p);
    return {
      UpdateExpression,
      ...(ConditionExpression ? { ConditionExpression } : {}),
      ExpressionAttributeNames: p.names,
      ...(Object.keys(p.values).length > 0 ? { ExpressionAttributeValues: p.values } : {}),
    };
  }
}

/** A new update of an item of type `T`. */
export const update = <T extends object>() => new Update<T>();
