/**
 * Several GSI1 partitions read as one list (an agent's shops and regions): each partition is read from its own
 * position, the reads are merged by gsi1sk, and the cursor records where each partition resumes.
 */
import { AppError } from "../../domain/errors";
import { isStartKey } from "./cursor";

type Item = Record<string, unknown>;
/** A position per partition: undefined = from the start, null = exhausted. */
export type Positions = Record<string, Item | null | undefined>;

/** One partition's page as read from DynamoDB. */
export interface PartitionRead {
  readonly partition: string;
  readonly items: readonly Item[];
  readonly last: Item | undefined;
}

/** The cursor's positions; a partition outside `partitions` (another agent's) or a malformed key is a 400. */
export function decodePositions(cursor: string | undefined, partitions: readonly string[]): Positions {
  if (!cursor) return Object.fromEntries(partitions.map((p) => [p, undefined]));
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<
      string,
      Item | null
    >;
    const allowed = new Set(partitions);
    if (
      Object.keys(parsed).every((p) => allowed.has(p)) &&
      // Each position must be a well-formed start key of its own partition (400, never 500).
      Object.entries(parsed).every(([p, k]) => k === null || isStartKey(k, { attribute: "gsi1pk", value: p }))
    )
      return Object.fromEntries(partitions.map((p) => [p, p in parsed ? parsed[p] : undefined]));
  } catch {
    // fall through
  }
  throw new AppError("invalid_request", "The cursor is not valid for this list; start again without it.", [
    { path: "cursor" },
  ]);
}

/** Merges the partitions' pages in gsi1sk order and keeps `limit` items; the cursor resumes each partition. */
export function mergePartitions(
  fetched: readonly PartitionRead[],
  positions: Positions,
  limit: number,
  order: "ascending" | "descending",
): { readonly items: Item[]; readonly nextCursor: string | null } {
  const sign = order === "ascending" ? 1 : -1;
  const merged = fetched
    .flatMap((f) => f.items.map((item) => ({ partition: f.partition, item })))
    .sort((a, b) => sign * String(a.item.gsi1sk).localeCompare(String(b.item.gsi1sk)));
  const taken = merged.slice(0, limit);
  // Each partition resumes after the last item taken from it; untouched ones stay where they were.
  const next: Positions = { ...positions };
  for (const f of fetched) {
    const fromThis = taken.filter((t) => t.partition === f.partition);
    const lastTaken = fromThis.at(-1)?.item;
    if (fromThis.length === f.items.length) next[f.partition] = f.last ?? null;
    else if (lastTaken)
      next[f.partition] = {
        pk: lastTaken.pk,
        sk: lastTaken.sk,
        gsi1pk: lastTaken.gsi1pk,
        gsi1sk: lastTaken.gsi1sk,
      };
  }
  const more = merged.length > taken.length || Object.values(next).some((v) => v !== null && v !== undefined);
  return {
    items: taken.map((t) => t.item),
    nextCursor: more ? Buffer.from(JSON.stringify(next)).toString("base64url") : null,
  };
}
