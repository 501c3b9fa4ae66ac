/** Marketplace access tokens in memory, with the connection store's rule that a refresh never reconnects an account. */
import type { ConnectionSecrets, MarketplaceConnection } from "../marketplace";
import type { TokenStore } from "../marketplace-tokens";
import { copy } from "./page";

export interface FakeTokenStore extends TokenStore {
  /** Connects an account with its secrets (what the connect flow stores). */
  connect(connection: MarketplaceConnection, secrets: ConnectionSecrets): void;
  /** Removes an account (the seller disconnected it). */
  disconnect(connection: MarketplaceConnection): void;
  /** The account as stored, with its latest expiry; null when not connected. */
  connectionOf(connection: MarketplaceConnection): MarketplaceConnection | null;
}

const keyOf = (c: MarketplaceConnection) => `${c.shopId}\u0000${c.marketplace}\u0000${c.marketplaceShopId}`;

/** A TokenStore in memory: `saveRefreshed` writes only while the account is connected; `secrets` of none throws. */
export function createFakeTokenStore(): FakeTokenStore {
  const accounts = new Map<string, { connection: MarketplaceConnection; secrets: ConnectionSecrets }>();
  return {
    connect(connection, secrets) {
      accounts.set(keyOf(connection), { connection: copy(connection), secrets: copy(secrets) });
    },
    disconnect(connection) {
      accounts.delete(keyOf(connection));
    },
    connectionOf(connection) {
      const stored = accounts.get(keyOf(connection));
      return stored ? copy(stored.connection) : null;
    },
    async saveRefreshed(connection, secrets) {
      // The adapter's attribute_exists condition: a refresh racing a disconnect is dropped, not an error.
      if (!accounts.has(keyOf(connection))) return;
      accounts.set(keyOf(connection), { connection: copy(connection), secrets: copy(secrets) });
    },
    async secrets(connection) {
      const stored = accounts.get(keyOf(connection));
      if (!stored) throw new Error(`No secrets stored for ${connection.marketplace}`);
      return copy(stored.secrets);
    },
  };
}
