/** The pieces every connection body shares: write-only secrets, base URLs (vetted later) and the common fields. */
import { z } from "zod";
import { MARKET_CODES } from "../../domain/markets";

/** A write-only secret (key, token). */
export const secret = z.string().min(1).max(2000);
/** An http(s) URL the seller gives (the push callback URL). */
export const httpsUrl = z.url().refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL");
/** A marketplace host: checked against the channel's hosts after parsing (the local flag decides about loopback). */
export const baseUrl = httpsUrl.optional();
/** The market and the access token's expiry, which every connection body may give. */
export const commonFields = {
  market: z.enum(MARKET_CODES).optional(),
  accessTokenExpiresAt: z.iso.datetime({ offset: true }).optional(),
};
