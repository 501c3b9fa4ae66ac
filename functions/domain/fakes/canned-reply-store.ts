/** A shop's own canned replies in memory: the whole set is read and replaced at once, as in the DynamoDB store. */
import type { CannedReply } from "../canned-replies";
import type { ShopId } from "../ids";
import type { CannedReplyStore } from "../ports";
import { copy } from "./page";

/** A CannedReplyStore in memory; a shop without replies has an empty set. */
export function createFakeCannedReplyStore(): CannedReplyStore {
  const sets = new Map<ShopId, CannedReply[]>();
  return {
    async list(shopId) {
      return copy(sets.get(shopId) ?? []);
    },
    async replace(shopId, replies) {
      sets.set(shopId, copy([...replies]));
    },
  };
}
