/** A notifier that records what a seller's own tools would have been told. */
import type { Escalation } from "../escalation";
import type { EscalationEvent, Notifier, ShopRecord } from "../ports";
import { copy } from "./page";

export interface RecordingNotifier extends Notifier {
  readonly notifications: readonly {
    readonly shop: ShopRecord;
    readonly event: EscalationEvent;
    readonly escalation: Escalation;
  }[];
}

/** A Notifier that keeps every notification in memory and never fails (failures are the notifier's own to report). */
export function createRecordingNotifier(): RecordingNotifier {
  const notifications: { shop: ShopRecord; event: EscalationEvent; escalation: Escalation }[] = [];
  return {
    notifications,
    async notify(shop, event, escalation) {
      notifications.push({ shop: copy(shop), event, escalation: copy(escalation) });
    },
  };
}
