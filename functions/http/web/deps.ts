/** What the web inbox needs: the agent actions, text from locales/, canned replies, orders and, optionally, translation. */
import type { ActionStore, OrderActions } from "../../domain/actions";
import type { AgentActionDeps } from "../../domain/agent-actions";
import type {
  CannedReplyStore,
  ConversationStore,
  ConversationSummarizer,
  Logger,
  MessageTranslator,
  OrderReader,
  LocaleText,
  OversightStore,
  ShopStore,
} from "../../domain/ports";
import type { ConnectFlowDeps } from "../routes/connect";
import type { KnowledgeRouteDeps } from "../routes/knowledge";
import type { CognitoHostedUi } from "./cognito";

/** The seller's connections page lists, starts and ends marketplace accounts: it needs the authorization flow. */
export interface InboxPageDeps
  extends AgentActionDeps,
    ConnectFlowDeps,
    /** The seller's knowledge editor writes articles and asks the knowledge like the API does (the model too). */
    Pick<KnowledgeRouteDeps, "knowledgeStore" | "knowledge" | "understanding" | "model"> {
  readonly translator: LocaleText;
  readonly conversations: ConversationStore;
  readonly cannedReplies: CannedReplyStore;
  /** The shop's cached orders: the packet shows the ones the AI already described, as they stand now. */
  readonly orders: OrderReader;
  /** Present when an LLM is configured; without it the page says translation is off. */
  readonly messageTranslator?: MessageTranslator | undefined;
  /** Present with a model too: the gist of the conversation in the agent's language. */
  readonly summarizer?: ConversationSummarizer | undefined;
  /** Cognito's hosted UI on AWS; locally agents paste their token instead. */
  readonly hostedUi?: CognitoHostedUi | undefined;
  readonly logger: Logger;
  /** Live AI conversations, takeovers, flags and the AI's misses (the oversight and insight pages). */
  readonly oversight: OversightStore;
  /** Which markets a shop runs in which region (a seller may move one), for the agents' live list. */
  readonly shops: Pick<ShopStore, "get" | "listShopIds">;
  /** Order actions: the prepared action the packet shows, and the shop that runs it once an agent approves. */
  readonly actions?: ActionStore | undefined;
  readonly orderActions?: OrderActions | undefined;
}
