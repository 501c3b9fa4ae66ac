/**
 * The channel catalogue: every channel by name, each a folder beside this file. The webhook routes, the connection
 * routes, the outbound sender, the host vetting and the reply deadlines all read this record, so adding a channel is
 * its folder plus one line here (and its name in MARKETPLACES, which the compiler asks for).
 */
import type { z } from "zod";
import type { Marketplace, MarketplaceAdapter, MarketplaceConnection } from "../domain/marketplace";
import type { Channel } from "./channel";
import { lazada } from "./lazada";
import { line } from "./line";
import { messenger } from "./messenger";
import { windowClosed } from "./shared/chat";
import { hostProblem } from "./shared/hosts";
import { MarketplaceApiError } from "./shared/http";
import { shopee } from "./shopee";
import { tiktok } from "./tiktok";
import { whatsapp } from "./whatsapp";

/** Every channel. Exactly the names of MARKETPLACES: a name in one and not the other is a type error here. */
export const CHANNELS = {
  shopee,
  lazada,
  tiktok,
  whatsapp,
  messenger,
  line,
} as const satisfies { readonly [N in Marketplace]: Channel<N> };

export type ChannelName = keyof typeof CHANNELS;

/** A stored connection of one channel, its `vendor` fields typed by that channel (a union over all by default). */
export type ChannelConnection<N extends ChannelName = ChannelName> = {
  [K in N]: MarketplaceConnection<K, z.output<(typeof CHANNELS)[K]["vendor"]>>;
}[N];

/** The channels' names, in catalogue order. */
export const CHANNEL_NAMES = Object.keys(CHANNELS) as ChannelName[];

/** True when `value` names a channel of the catalogue. */
export const isChannelName = (value: string): value is ChannelName => Object.hasOwn(CHANNELS, value);

/** One value per channel, computed from its entry. */
export function perChannel<T>(f: (channel: Channel) => T): { readonly [N in ChannelName]: T } {
  return Object.fromEntries(CHANNEL_NAMES.map((name) => [name, f(CHANNELS[name])])) as {
    readonly [N in ChannelName]: T;
  };
}

/** Every channel's adapter, by name, unguarded (use `withVettedHosts` for anything that sends). */
export const CHANNEL_ADAPTERS: { readonly [N in ChannelName]: MarketplaceAdapter } = perChannel(
  (c) => c.adapter,
);

export { ratingsAllowed, replyDeadlineMinutes } from "./rules";

/** Why a connection's API or token host is refused for its channel, or null when it is one of the channel's hosts. */
export const baseUrlProblem = (
  marketplace: Marketplace,
  kind: "api" | "auth",
  raw: string,
  allowLoopback: boolean,
) => hostProblem(CHANNELS[marketplace], kind, raw, allowLoopback);

/**
 * The adapters, refusing any call for a connection whose hosts are off its channel's list: a connection stored
 * before hosts were checked (or written to the table by other means) still never sends its tokens elsewhere.
 */
export function withVettedHosts(
  adapters: { readonly [N in ChannelName]: MarketplaceAdapter },
  allowLoopback: boolean,
): { readonly [N in ChannelName]: MarketplaceAdapter } {
  const vet = (c: MarketplaceConnection) => {
    const problem =
      baseUrlProblem(c.marketplace, "api", c.apiBaseUrl, allowLoopback) ??
      baseUrlProblem(c.marketplace, "auth", c.authBaseUrl, allowLoopback);
    if (problem) throw new MarketplaceApiError(`${c.marketplace} host refused: not in the catalogue`, false);
  };
  return perChannel(({ name }): MarketplaceAdapter => {
    const a = adapters[name];
    return {
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
      async orders(c, s, ids) {
        vet(c);
        return a.orders ? a.orders(c, s, ids) : [];
      },
    };
  });
}

/**
 * How a person's reply goes out now on a chat app whose free-form window has closed: as the seller's template
 * (WhatsApp), with the human-agent tag (Messenger), or not at all past the channel's reply window; null while the
 * window is open or on channels without one. The inbox says so above the reply box.
 */
export function lateReplyMode(
  channel: string,
  lastShopperMessageAt: string | null | undefined,
  now: Date,
): "template" | "human_agent_tag" | "closed" | null {
  if (!isChannelName(channel)) return null;
  const { freeFormWindow, replyWindowHours } = CHANNELS[channel].rules;
  if (!freeFormWindow || !windowClosed(lastShopperMessageAt, freeFormWindow.hours, now)) return null;
  if (replyWindowHours !== null && windowClosed(lastShopperMessageAt, replyWindowHours, now)) return "closed";
  return freeFormWindow.beyond;
}

export type { Channel, ChannelRules, ConnectionDraft, OwnershipVerdict } from "./channel";
export type { ChannelHosts } from "./shared/hosts";
export { MarketplaceApiError } from "./shared/http";
