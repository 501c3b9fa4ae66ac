/** Records what a seller's endpoint would have been told about its marketplace accounts. */
import type { AccountAlertEvent, AccountAlertNotifier, ShopRecord } from "../ports";
import { copy } from "./page";

export interface RecordingAccountAlertNotifier extends AccountAlertNotifier {
  readonly alerts: readonly { readonly shop: ShopRecord; readonly event: AccountAlertEvent }[];
}

/** An AccountAlertNotifier that keeps every alert in memory and never fails, like the webhook notifier's callers see. */
export function createRecordingAccountAlertNotifier(): RecordingAccountAlertNotifier {
  const alerts: { shop: ShopRecord; event: AccountAlertEvent }[] = [];
  return {
    alerts,
    async notifyAccount(shop, event) {
      alerts.push({ shop: copy(shop), event: copy(event) });
    },
  };
}
