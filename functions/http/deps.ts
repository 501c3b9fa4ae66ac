/** What the HTTP app needs, declared by the HTTP layer; the composition root (functions/config) builds it. */
import type { KnowledgeBase } from "../domain/knowledge";
import type { ConnectionStore } from "../adapters/dynamodb/connection-store";
import type { AgentActionDeps } from "../domain/agent-actions";
import type { ChannelActivityStore } from "../domain/channel-rules";
import type { MessageDeps } from "../domain/handle-message";
import type {
  EscalationStore,
  Logger,
  Metrics,
  Notifier,
  OrderReader,
  LocaleText,
  OrderStore,
  OversightStore,
  SessionStore,
  ShopStore,
} from "../domain/ports";
import type { AgentTokenVerifier } from "./auth";
import type { MarketplaceWebhookDeps } from "./routes/marketplace-webhooks";
import type { ConnectFlowDeps } from "./routes/connect";
import type { KnowledgeRouteDeps } from "./routes/knowledge";
import type { ShopifyRouteDeps } from "./routes/shopify";
import type { InboxPageDeps } from "./web/deps";

export interface HttpDeps
  extends MessageDeps,
    AgentActionDeps,
    ShopifyRouteDeps,
    MarketplaceWebhookDeps,
    ConnectFlowDeps,
    KnowledgeRouteDeps,
    InboxPageDeps {
  /** Always present in the app: the knowledge routes and the reply pipeline read the same index. */
  readonly knowledge: KnowledgeBase;
  readonly connections: ConnectionStore;
  /** The replies sent per marketplace (GET /v1/analytics) and the channel rules' record. */
  readonly channelActivity?: ChannelActivityStore | undefined;
  /** Local stack and tests only (ALLOW_LOOPBACK_TARGETS): marketplace hosts and notification targets may be loopback. */
  readonly allowLoopbackTargets: boolean;
  readonly notifier: Notifier;
  readonly metrics: Metrics;
  readonly shops: ShopStore;
  /** The order cache: read by the reply pipeline, written by the Shopify routes and lookups. */
  readonly orders: OrderReader & OrderStore;
  readonly inbox: EscalationStore;
  /** Live AI conversations, takeovers, flags and misses (R3; the seller's insights). */
  readonly oversight: OversightStore;
  /** Shopper and agent text from locales/ (the pipeline, the inbox and the rating question share it). */
  readonly translator: LocaleText;
  /** The HS256 secret of local agent tokens (empty on AWS, where Cognito signs them). */
  readonly agentJwtSecret: Uint8Array;
  readonly agentTokens: AgentTokenVerifier;
  readonly rateLimits: {
    readonly shopPerMinute: number;
    readonly ipPerMinute: number;
    readonly authFailuresPerMinute: number;
  };
  /** Web inbox sessions, shared by every instance (sign-out ends one everywhere). */
  readonly sessions: SessionStore;
  readonly logger: Logger;
  /** Reaches the table and every queue, for GET /health?deep=1. */
  readonly checkDependencies: () => Promise<Record<string, "ok" | "down">>;
}
