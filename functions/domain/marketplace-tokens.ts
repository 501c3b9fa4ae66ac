/** Keeps a connection's access token fresh: refreshed ahead of expiry, and the new pair stored sealed. */
import type { ConnectionSecrets, MarketplaceAdapter, MarketplaceConnection } from "./marketplace";

/** Refresh this long before expiry, so a send never carries a token that lapses in flight. */
const REFRESH_MARGIN_MS = 10 * 60_000;

export interface TokenStore {
  /** Stores the refreshed pair, only while the account is still connected (a refresh never reconnects one). */
  saveRefreshed(connection: MarketplaceConnection, secrets: ConnectionSecrets): Promise<void>;
  secrets(connection: MarketplaceConnection): Promise<ConnectionSecrets>;
}

export async function freshCredentials(
  store: TokenStore,
  adapter: MarketplaceAdapter,
  connection: MarketplaceConnection,
  now: Date,
): Promise<{ connection: MarketplaceConnection; secrets: ConnectionSecrets }> {
  const secrets = await store.secrets(connection);
  if (Date.parse(connection.accessTokenExpiresAt) - now.getTime() > REFRESH_MARGIN_MS)
    return { connection, secrets };
  const refreshed = await adapter.refresh(connection, secrets);
  const next = { ...connection, accessTokenExpiresAt: refreshed.expiresAt };
  const nextSecrets = {
    ...secrets,
    accessToken: refreshed.accessToken,
    refreshToken: refreshed.refreshToken,
  };
  await store.saveRefreshed(next, nextSecrets);
  return { connection: next, secrets: nextSecrets };
}
