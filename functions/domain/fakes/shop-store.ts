/** Shops and their API keys in memory; like the DynamoDB store, a key authenticates with a copy of the shop. */
import type { ShopId } from "../ids";
import type { ShopRecord, ShopStore } from "../ports";
import { copy } from "./page";

/** A ShopStore in memory, seeded with `shops` (each with its API key). */
export function createFakeShopStore(
  shops: readonly { readonly shop: ShopRecord; readonly apiKey: string }[] = [],
): ShopStore {
  const byId = new Map<ShopId, { shop: ShopRecord; apiKey: string }>();
  // Authentication reads the copy kept with the key, as the adapter's key item does.
  const byKey = new Map<string, ShopRecord>();
  const store: ShopStore = {
    async findByApiKey(apiKey) {
      const shop = byKey.get(apiKey);
      return shop ? copy(shop) : null;
    },
    async get(id) {
      const found = byId.get(id);
      return found ? copy(found.shop) : null;
    },
    async putShop(shop, apiKey) {
      byId.set(shop.id, { shop: copy(shop), apiKey });
      byKey.set(apiKey, copy(shop));
    },
    async updateShop(shop) {
      const current = byId.get(shop.id);
      if (!current) throw new Error(`Shop ${shop.id} does not exist`);
      byId.set(shop.id, { shop: copy(shop), apiKey: current.apiKey });
      byKey.set(current.apiKey, copy(shop));
    },
    async listShopIds() {
      return [...byId.keys()].sort();
    },
  };
  for (const { shop, apiKey } of shops) {
    byId.set(shop.id, { shop: copy(shop), apiKey });
    byKey.set(apiKey, copy(shop));
  }
  return store;
}
