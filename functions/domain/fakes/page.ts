/** Opaque pagination cursors for the in-memory stores, bound to the list they came from like the DynamoDB ones. */
import { AppError } from "../errors";
import type { Page, PageRequest } from "../ports";

const invalidCursor = () =>
  new AppError("invalid_request", "The cursor is not valid for this list; start again without it.", [
    { path: "cursor" },
  ]);

/**
 * One page of `items` after the cursor's position, ordered by their unique sort keys (ascending or, like a query with
 * ScanIndexForward false, descending); like ExclusiveStartKey, the position holds even if that item is gone since.
 * A cursor made for another list (`scope`) is refused with the same error the DynamoDB adapters give.
 */
export function pageOf<T>(
  items: readonly { readonly key: string; readonly item: T }[],
  page: PageRequest,
  scope: string,
  order: "ascending" | "descending" = "ascending",
): Page<T> {
  const sign = order === "ascending" ? 1 : -1;
  const sorted = [...items].sort((a, b) => sign * compare(a.key, b.key));
  const after = decode(page.cursor, scope);
  const rest = after === undefined ? sorted : sorted.filter((i) => sign * compare(i.key, after) > 0);
  const taken = rest.slice(0, page.limit);
  const last = taken.at(-1);
  return {
    items: taken.map((t) => t.item),
    nextCursor: rest.length > taken.length && last ? encode(scope, last.key) : null,
  };
}

/** Byte order, as DynamoDB compares string sort keys (localeCompare would not). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function encode(scope: string, key: string): string {
  return Buffer.from(JSON.stringify({ scope, key })).toString("base64url");
}

function decode(cursor: string | undefined, scope: string): string | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      (parsed as { scope?: unknown }).scope === scope &&
      typeof (parsed as { key?: unknown }).key === "string"
    )
      return (parsed as { key: string }).key;
  } catch {
    // fall through to the error below
  }
  throw invalidCursor();
}

/** A deep copy, as a database hands back: a caller mutating what it read or wrote never changes what is stored. */
export const copy = <T>(value: T): T => structuredClone(value);
