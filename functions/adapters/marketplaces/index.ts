/** Every marketplace adapter, by name. */
import type { Marketplace, MarketplaceAdapter } from "../../domain/marketplace";
import { lazada } from "./lazada";
import { shopee } from "./shopee";
import { tiktok } from "./tiktok";

export const MARKETPLACE_ADAPTERS: Readonly<Record<Marketplace, MarketplaceAdapter>> = {
  shopee,
  lazada,
  tiktok,
};
