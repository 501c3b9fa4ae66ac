/**
 * Posts escalation events to a seller's own endpoint, signed like the webhooks sellers already verify:
 * `X-Support-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`.
 */
import { createHmac } from "node:crypto";
import type { Logger } from "../../domain/ports";
import type { Escalation } from "../../domain/escalation";
import type { SecretBox } from "../crypto/secret-box";
import { postToTarget, type Resolver, UnsafeTargetError, vetTarget } from "./safe-target";
import { MARKETS, type Region } from "../../domain/markets";
import {
  type AccountAlertNotifier,
  type EscalationEvent,
  type Notifier,
  notificationContext,
  type ShopRecord,
} from "../../domain/ports";

export const signNotification = (secret: string, timestamp: string, body: string) =>
  `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;

/** What the seller's tool receives: enough to route and prioritise, and the ids to fetch the rest with a token. */
const payloadOf = (event: EscalationEvent, e: Escalation) => ({
  type: event,
  escalationId: e.escalationId,
  shopId: e.shopId,
  conversationId: e.conversationId,
  region: e.region,
  market: e.market,
  language: e.language,
  reason: e.reason,
  priority: e.priority,
  status: e.status,
  dueAt: e.dueAt,
  createdAt: e.createdAt,
});

export function createWebhookNotifier(options: {
  logger: Logger;
  /** Opens the sealed per-region secrets. */
  secrets: SecretBox;
  /** Local stack and tests only: the seller's endpoint may be a loopback listener. */
  allowLoopback?: boolean;
  /** DNS, replaceable in tests; every address it gives must be public. */
  resolve?: Resolver;
  timeoutMs?: number;
  clock?: () => Date;
}): Notifier & AccountAlertNotifier {
  const policy = { allowLoopback: options.allowLoopback ?? false };
  /** Posts one signed event to the shop's endpoint of `region`, if it has one; `about` names it in logs. */
  const deliver = async (
    shop: ShopRecord,
    region: Region,
    event: string,
    payload: unknown,
    about: Record<string, string>,
  ) => {
    const target = shop.notifications?.[region];
    if (!target) return;
    let secret: string;
    try {
      secret = await options.secrets.open(target.sealedSecret, notificationContext(shop.id, region));
    } catch {
      // Settings saved before secrets were sealed, or a key that no longer opens them: the seller must save again.
      options.logger.warn("notification secret does not open", { region });
      return;
    }
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor((options.clock?.() ?? new Date()).getTime() / 1000));
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        // Checked on every attempt, after DNS: the name may have been pointed inside since it was saved.
        const vetted = await vetTarget(target.url, policy, options.resolve);
        const status = await postToTarget(vetted, {
          headers: {
            "content-type": "application/json",
            "x-support-event": event,
            "x-support-timestamp": timestamp,
            "x-support-signature": signNotification(secret, timestamp, body),
          },
          body,
          timeoutMs: options.timeoutMs ?? 3000,
        });
        if (status >= 200 && status < 300) return;
        options.logger.warn("notification refused", { event, ...about, status, attempt });
        // A redirect is not followed (it could point anywhere), and asking again gets the same one.
        if (status >= 300 && status < 400) return;
      } catch (error) {
        if (error instanceof UnsafeTargetError) {
          options.logger.warn("notification target refused", {
            event,
            ...about,
            region,
            reason: error.reason,
          });
          return;
        }
        options.logger.warn("notification failed", {
          event,
          ...about,
          error: error instanceof Error ? error.name : "error",
          attempt,
        });
      }
    }
  };
  return {
    async notify(shop: ShopRecord, event, escalation) {
      await deliver(shop, escalation.region, event, payloadOf(event, escalation), {
        escalationId: escalation.escalationId,
      });
    },
    async notifyAccount(shop, event) {
      // The region that serves the account's market, else the first region the seller gave an endpoint for.
      const configured = Object.keys(shop.notifications ?? {}) as Region[];
      const region = (event.market ? MARKETS[event.market].region : undefined) ?? configured[0];
      const chosen = region && shop.notifications?.[region] ? region : configured[0];
      if (!chosen) return;
      await deliver(shop, chosen, event.type, { ...event, shopId: shop.id }, { channel: event.channel });
    },
  };
}
