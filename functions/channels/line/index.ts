/**
 * LINE Messaging API (docs/protocols.md#line): pushes at /webhooks/line, replies with the reply token or the push
 * API. Host: api.line.me (the Messaging API's host; api-data.line.me serves only content downloads).
 */
import { defineChannel } from "../channel";
import type { ChannelHosts } from "../shared/hosts";
import { lineApi } from "./api";
import { LineConnectionBody, LineVendorSchema, lineDraft, lineOwnership } from "./connection";
import { lineAccountOf, mapLinePush, verifyLinePush } from "./push";
import { lineRules } from "./rules";

export const lineHosts: ChannelHosts = {
  apiHosts: ["api.line.me"],
  authHosts: ["api.line.me"],
  defaultApiBaseUrl: () => "https://api.line.me",
  defaultAuthBaseUrl: "https://api.line.me",
};

export const line = defineChannel({
  name: "line",
  webhookPath: "/webhooks/line",
  hosts: lineHosts,
  rules: lineRules,
  vendor: LineVendorSchema,
  connection: {
    schema: LineConnectionBody,
    accountIdField: "botUserId",
    draft: lineDraft(lineHosts),
    ownership: lineOwnership,
    shown: () => ({ callbackUrl: null }),
  },
  adapter: {
    marketplace: "line",
    shopOf: lineAccountOf,
    verify: verifyLinePush,
    parse: mapLinePush,
    ...lineApi,
  },
});
