/** Every marketplace adapter, by name, and the guard that keeps their calls on each marketplace's official hosts. */
import type { Marketplace, MarketplaceAdapter, MarketplaceConnection } from "../../domain/marketplace";
import { baseUrlProblem } from "./catalogue";
import { MarketplaceApiError } from "./http";
import { lazada } from "./lazada";
import { shopee } from "./shopee";
import { tiktok } from "./tiktok";

export const MARKETPLACE_ADAPTERS: Readonly<Record<Marketplace, MarketplaceAdapter>> = {
  shopee,
  lazada,
  tiktok,
};

/**
 * The adapters, refusing any call for a connection whose hosts are off the catalogue: a connection stored before
 * hosts were checked (or written to the table by other means) still never sends its tokens elsewhere.
 */
export function withVettedHosts(
  adapters: Readonly<Record<Marketplace, MarketplaceAdapter>>,
  allowLoopback: boolean,
): Readonly<Record<Marketplace, MarketplaceAdapter>> {
  const vet = (c: MarketplaceConnection) => {
    const problem =
      baseUrlProblem(c.marketplace, "api", c.apiBaseUrl, allowLoopback) ??
      baseUrlProblem(c.marketplace, "auth", c.authBaseUrl, allowLoopback);
    if (problem) throw new MarketplaceApiError(`${c.marketplace} host refused: not in the catalogue`, false);
  };
  const guard = (a: MarketplaceAdapter): MarketplaceAdapter => ({
    ...a,
    async send(c, s, reply) {
      vet(c);
      return a.send(c, s, reply);
    },
    async refresh(c, s) {
      vet(c);
      return a.refresh(c, s);
    },
    async authorizedShops(c, s) {
      vet(c);
      return a.authorizedShops(c, s);
    },
  });
  return { shopee: guard(adapters.shopee), lazada: guard(adapters.lazada), tiktok: guard(adapters.tiktok) };
}
