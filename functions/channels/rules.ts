/**
 * Every channel's rules, by name, without its adapter: the reply pipeline reads deadlines and whether it may ask for
 * a rating, and the shopper-message function (handlers/messages.ts) should not load six vendors' parsers for that.
 * The catalogue (index.ts) hands each channel the same object.
 */
import type { Marketplace } from "../domain/marketplace";
import type { ChannelRules } from "./channel";
import { lazadaRules } from "./lazada/rules";
import { lineRules } from "./line/rules";
import { messengerRules } from "./messenger/rules";
import { shopeeRules } from "./shopee/rules";
import { tiktokRules } from "./tiktok/rules";
import { whatsappRules } from "./whatsapp/rules";

/** Every channel's rules: exactly the names of MARKETPLACES, as the catalogue's. */
export const CHANNEL_RULES: { readonly [N in Marketplace]: ChannelRules } = {
  shopee: shopeeRules,
  lazada: lazadaRules,
  tiktok: tiktokRules,
  whatsapp: whatsappRules,
  messenger: messengerRules,
  line: lineRules,
};

const rulesOf = (channel: string): ChannelRules | undefined =>
  Object.hasOwn(CHANNEL_RULES, channel) ? CHANNEL_RULES[channel as Marketplace] : undefined;

/** The channel's reply deadline in minutes, or null for a channel that is not a catalogued one (the `api` channel). */
export const replyDeadlineMinutes = (channel: string): number | null =>
  rulesOf(channel)?.replyDeadlineMinutes ?? null;

/** Whether a channel's rules allow asking shoppers to rate the help: yes for the `api` channel (the integrator's own). */
export const ratingsAllowed = (channel: string): boolean => rulesOf(channel)?.ratings ?? channel === "api";
