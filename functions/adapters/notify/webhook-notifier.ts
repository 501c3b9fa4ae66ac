/**
 * Posts escalation events to a seller's own endpoint, signed like the webhooks sellers already verify:
 * `X-Support-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`.
 */
import { createHmac } from "node:crypto";
import type { AppLogger } from "../../config/logger";
import type { Escalation } from "../../domain/escalation";
import type { SecretBox } from "../crypto/secret-box";
import {
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
  logger: AppLogger;
  /** Opens the sealed per-region secrets. */
  secrets: SecretBox;
  timeoutMs?: number;
  clock?: () => Date;
}): Notifier {
  return {
    async notify(shop: ShopRecord, event, escalation) {
      const target = shop.notifications?.[escalation.region];
      if (!target) return;
      let secret: string;
      try {
        secret = await options.secrets.open(
          target.sealedSecret,
          notificationContext(shop.id, escalation.region),
        );
      } catch {
        // Settings saved before secrets were sealed, or a key that no longer opens them: the seller must save again.
        options.logger.warn("notification secret does not open", { region: escalation.region });
        return;
      }
      const body = JSON.stringify(payloadOf(event, escalation));
      const timestamp = String(Math.floor((options.clock?.() ?? new Date()).getTime() / 1000));
      for (let attempt = 1; attempt <= 2; attempt++) {
        try {
          const response = await fetch(target.url, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "x-support-event": event,
              "x-support-timestamp": timestamp,
              "x-support-signature": signNotification(secret, timestamp, body),
            },
            body,
            signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
          });
          if (response.ok) return;
          options.logger.warn("notification refused", {
            event,
            escalationId: escalation.escalationId,
            status: response.status,
            attempt,
          });
        } catch (error) {
          options.logger.warn("notification failed", {
            event,
            escalationId: escalation.escalationId,
            error: error instanceof Error ? error.name : "error",
            attempt,
          });
        }
      }
    },
  };
}
