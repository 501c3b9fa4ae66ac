/** What the web inbox needs: the agent actions, text from locales/, canned replies and, optionally, translation. */
import type { AgentActionDeps } from "../../domain/agent-actions";
import type {
  CannedReplyStore,
  ConversationStore,
  ConversationSummarizer,
  MessageTranslator,
  Translator,
} from "../../domain/ports";
import type { CognitoHostedUi } from "./cognito";
import type { AppLogger } from "../../config/logger";

export interface InboxPageDeps extends AgentActionDeps {
  readonly translator: Translator;
  readonly conversations: ConversationStore;
  readonly cannedReplies: CannedReplyStore;
  /** Present when an LLM is configured; without it the page says translation is off. */
  readonly messageTranslator?: MessageTranslator | undefined;
  /** Present with a model too: the gist of the conversation in the agent's language. */
  readonly summarizer?: ConversationSummarizer | undefined;
  /** Cognito's hosted UI on AWS; locally agents paste their token instead. */
  readonly hostedUi?: CognitoHostedUi | undefined;
  readonly logger: AppLogger;
}
