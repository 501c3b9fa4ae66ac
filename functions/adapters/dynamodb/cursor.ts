/** Opaque pagination cursors over DynamoDB's LastEvaluatedKey, bound to the partition they came from. */
import { AppError } from "../../domain/errors";

type Key = Record<string, unknown>;

/** A GSI1 query's LastEvaluatedKey has exactly these attributes, all strings. */
export const GSI1_KEY_ATTRIBUTES = ["pk", "sk", "gsi1pk", "gsi1sk"] as const;

/**
 * True when `value` is a start key DynamoDB will take for this partition: exactly the key's attributes, each a
 * string, and the partition's own. Anything else reaching DynamoDB is a ValidationException, i.e. a 500.
 */
export function isStartKey(
  value: unknown,
  partition: { attribute: string; value: string },
  attributes: readonly string[] = GSI1_KEY_ATTRIBUTES,
): value is Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length === attributes.length &&
    entries.every(([k, v]) => attributes.includes(k) && typeof v === "string" && v.length > 0) &&
    (value as Key)[partition.attribute] === partition.value
  );
}

export function encodeCursor(key: Key | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString("base64url") : null;
}

/** Rejects a cursor that does not belong to this partition, so a forged cursor cannot reach another shop's items. */
export function decodeCursor(
  cursor: string | undefined,
  partition: { attribute: string; value: string },
): Key | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (isStartKey(key, partition)) return key;
  } catch {
    // fall through to the error below
  }
  throw new AppError("invalid_request", "The cursor is not valid for this list; start again without it.", [
    { path: "cursor" },
  ]);
}
