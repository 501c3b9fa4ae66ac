/** Opaque pagination cursors over DynamoDB's LastEvaluatedKey, bound to the partition they came from. */
import { AppError } from "../../domain/errors";

type Key = Record<string, unknown>;

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
    if (typeof key === "object" && key !== null && (key as Key)[partition.attribute] === partition.value) {
      const values = Object.values(key as Key);
      if (values.every((v) => typeof v === "string")) return key as Key;
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError("invalid_request", "The cursor is not valid for this list; start again without it.", [
    { path: "cursor" },
  ]);
}
