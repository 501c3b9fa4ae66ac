/** GET /v1/inbox: escalations an agent may see (their regions and shops only), most urgent first. */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError } from "../../domain/errors";
import type { Escalation, Transition } from "../../domain/escalation";
import { REGIONS } from "../../domain/markets";
import {
  type AgentActionDeps,
  addNote,
  findForAgent,
  replyAsAgent,
  transition,
} from "../../domain/agent-actions";
import { EscalationId } from "../../domain/ids";
import { type ActionApprovalDeps, decideOnAction } from "../../domain/action-approval";
import {
  ActionSchema as DomainActionSchema,
  MailingAddressSchema,
  type OrderActions,
  type ActionStore,
} from "../../domain/actions";
import { summaryOf } from "../../domain/handoff";
import { otherConversationsOf } from "../../domain/shopper-links";
import { queueOrderFor } from "../../domain/priority";
import type { LocaleText } from "../../domain/ports";
import { LOCALES } from "../../adapters/i18n/resources";
import type { AgentClaims, AppEnv } from "../auth";
import {
  ConversationEventSchema,
  ErrorSchema,
  InboxItemSchema,
  InternalNoteSchema,
  listOf,
  MessageSchema,
  OrderSnapshotSchema,
  PageQuerySchema,
} from "../schemas";

const error = { description: "Error", content: { "application/json": { schema: ErrorSchema } } };

const listRoute = createRoute({
  method: "get",
  path: "/v1/inbox",
  summary: "Escalations for the agent's regions and shops, most urgent first",
  security: [{ agentJwt: [] }],
  request: {
    query: PageQuerySchema.extend({
      region: z.enum(REGIONS).optional(),
      status: z.enum(["pending", "claimed", "resolved"]).default("pending"),
    }),
  },
  responses: {
    200: {
      description: "A page of escalations",
      content: { "application/json": { schema: listOf(InboxItemSchema, "InboxList") } },
    },
    400: error,
    401: error,
    404: error,
  },
});

/** An escalation as the inbox API shows it (the takeover route answers with one too). */
export const inboxItem = (e: Escalation, summary: string) => ({
  escalationId: e.escalationId,
  shopId: e.shopId,
  conversationId: e.conversationId,
  region: e.region,
  market: e.market,
  language: e.language,
  reason: e.reason,
  priority: e.priority,
  status: e.status,
  summary,
  shopper: e.shopper,
  orderName: e.order?.name ?? null,
  claimedBy: e.claimedBy,
  overdue: Boolean(e.overdueAt),
  createdAt: e.createdAt,
  dueAt: e.dueAt,
});

const EscalationParam = z.object({
  escalationId: z.string().regex(/^e_[\w-]{10,40}$/, "an escalation id such as e_…"),
});
const AgentMessageRequest = z.object({
  text: z.string().trim().min(1).max(4000),
  /** Makes a retried send idempotent. */
  clientMessageId: z.string().min(1).max(100).optional(),
});
const NoteRequest = z.object({ note: z.string().trim().max(2000).optional() });
const InternalNoteRequest = z.object({
  text: z.string().trim().min(1).max(2000),
  /** Makes a retried post idempotent. */
  clientNoteId: z
    .string()
    .regex(/^[\w-]{8,100}$/)
    .optional(),
});

/** An order action as the inbox shows it: its prepared effect and its audit trail (R3). */
const ActionDetailSchema = z
  .object(DomainActionSchema.unwrap().shape)
  .openapi("Action", { description: 'A prepared order action and its history (API.md "Actions")' });

const ActionParam = EscalationParam.extend({
  actionId: z.string().regex(/^a_[\w-]{10,40}$/, "an action id such as a_…"),
});
const ApproveRequest = z
  .object({
    /** For an address the shopper wrote as text: the address in Shopify's fields, as the agent reads it. */
    address: z.object(MailingAddressSchema.unwrap().shape).strict().optional(),
  })
  .strict();

const decideRoute = (decision: "approve" | "decline") =>
  createRoute({
    method: "post",
    path: `/v1/inbox/{escalationId}/actions/{actionId}/${decision}`,
    summary:
      decision === "approve"
        ? "Approve a prepared order action: it runs once at the shop and the shopper is told"
        : "Decline a prepared order action: nothing runs and the shopper is told",
    security: [{ agentJwt: [] }],
    request: {
      params: ActionParam,
      body: { required: false, content: { "application/json": { schema: ApproveRequest } } },
    },
    responses: { ...actionResponses(ActionDetailSchema, "The action after the decision"), 503: error },
  });

const HandoffDetailSchema = InboxItemSchema.extend({
  posture: z.enum(["ai-first", "hybrid", "cautious"]),
  order: OrderSnapshotSchema.nullable(),
  draft: z.string().nullable(),
  resolution: z.enum(["resolved", "released"]).nullable(),
  note: z.string().nullable(),
  firstHumanReplyAt: z.string().nullable(),
  transcript: z.array(MessageSchema),
  /** Agents' internal notes on this escalation; never shown to the shopper. */
  notes: z.array(InternalNoteSchema),
  events: z.array(ConversationEventSchema),
  /** The order action prepared for this escalation, if any: to approve, decline or carry out by hand. */
  action: ActionDetailSchema.nullable(),
  /** Every order action of the conversation with its steps (the audit trail of proposals and outcomes). */
  actions: z.array(ActionDetailSchema),
  /**
   * R4: the shopper's other conversations in this shop, found by the identity keys they verifiably share (the same
   * channel buyer id, the chat app's phone, keys linked by a confirmed order), newest first.
   */
  otherConversations: z.array(
    z
      .object({
        conversationId: z.string(),
        channel: z.string(),
        market: z.string(),
        status: z.enum(["ai", "pending_human", "human", "resolved"]),
        lastMessageAt: z.string(),
        /** False when the conversation's market is outside the agent's regions: listed, not to be opened. */
        visible: z.boolean(),
        /** Its escalation, to open its packet; null when it has none or the agent may not see it. */
        escalationId: z.string().nullable(),
      })
      .openapi("ShopperConversation"),
  ),
}).openapi("HandoffPacket");

const actionResponses = <T extends z.ZodType>(schema: T, what: string) => ({
  200: {
    description: `${what} (a repeat of the same request is answered the same way)`,
    content: { "application/json": { schema } },
  },
  400: error,
  401: error,
  404: error,
  409: error,
  413: error,
  415: error,
});
const escalationAfter = actionResponses(InboxItemSchema, "The escalation after the change");

/** Claim and release take no body; a bodiless POST, `{}` or any JSON object is accepted (docs/api.md). */
const action = (path: string, summary: string) =>
  createRoute({
    method: "post",
    path: `/v1/inbox/{escalationId}${path}`,
    summary,
    security: [{ agentJwt: [] }],
    request: { params: EscalationParam },
    responses: escalationAfter,
  });

const withBody = <T extends z.ZodType, R extends z.ZodType>(
  path: string,
  summary: string,
  schema: T,
  responses: ReturnType<typeof actionResponses<R>>,
  required = true,
) =>
  createRoute({
    method: "post",
    path: `/v1/inbox/{escalationId}${path}`,
    summary,
    security: [{ agentJwt: [] }],
    request: {
      params: EscalationParam,
      body: { required, content: { "application/json": { schema } } },
    },
    responses,
  });

const messageRoute = withBody(
  "/messages",
  "Reply to the shopper through the conversation's channel",
  AgentMessageRequest,
  actionResponses(MessageSchema, "The agent's message as stored"),
);
const resolveRoute = withBody(
  "/resolve",
  "Resolve the escalation and the conversation (the note is optional: a bodiless POST resolves too)",
  NoteRequest,
  escalationAfter,
  false,
);
const notesRoute = withBody(
  "/notes",
  "Add an internal note for other agents (never sent to the shopper)",
  InternalNoteRequest,
  actionResponses(InternalNoteSchema, "The note"),
);

const detailRoute = createRoute({
  method: "get",
  path: "/v1/inbox/{escalationId}",
  summary: "The handoff packet: reason, market, language, summary, order, draft, transcript, SLA due time",
  security: [{ agentJwt: [] }],
  request: { params: EscalationParam },
  responses: {
    200: { description: "The packet", content: { "application/json": { schema: HandoffDetailSchema } } },
    401: error,
    404: error,
  },
});

export function registerInboxRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: AgentActionDeps & {
    translator: LocaleText;
    actions?: ActionStore | undefined;
    orderActions?: OrderActions | undefined;
    metrics?: ActionApprovalDeps["metrics"];
  },
) {
  const inbox = deps.inbox;
  // The summary in the first of the agent's languages we ship, else the packet's own (English).
  const summaryFor = (agent: AgentClaims, e: Escalation) => {
    const locale = agent.languages.find((l) => LOCALES.includes(l));
    return locale ? summaryOf(deps.translator, locale, e) : e.summary;
  };
  const agentOf = (c: { get(key: "agent"): AgentClaims }) => {
    const a = c.get("agent");
    return { id: a.id, name: a.name, regions: a.regions, shops: a.shops };
  };
  const now = () => deps.clock.now().toISOString();
  /** Applies an agent's transition and answers with the escalation as that agent sees it. */
  const act = async (
    c: { get(key: "agent"): AgentClaims },
    id: string,
    change: (agentId: string, at: string) => Transition,
  ) => {
    const agent = agentOf(c);
    const done = await transition(deps, agent, EscalationId(id), change(agent.id, now()));
    return inboxItem(done, summaryFor(c.get("agent"), done));
  };

  app.openapi(detailRoute, async (c) => {
    const escalation = await findForAgent(deps, agentOf(c), EscalationId(c.req.valid("param").escalationId));
    const conversation = await deps.conversations.getConversation(
      escalation.shopId,
      escalation.conversationId,
    );
    return c.json(
      {
        ...inboxItem(escalation, summaryFor(c.get("agent"), escalation)),
        posture: escalation.posture,
        order: escalation.order,
        draft: escalation.draft,
        resolution: escalation.resolution,
        note: escalation.note,
        firstHumanReplyAt: escalation.firstHumanReplyAt,
        transcript: conversation?.messages ?? [],
        notes: (conversation?.notes ?? []).filter((n) => n.escalationId === escalation.escalationId),
        events: conversation?.events ?? [],
        action: escalation.action
          ? ((await deps.actions?.get(escalation.shopId, escalation.conversationId, escalation.action.id)) ??
            escalation.action)
          : null,
        actions: (await deps.actions?.list(escalation.shopId, escalation.conversationId)) ?? [],
        otherConversations: conversation
          ? (await otherConversationsOf(deps.conversations, agentOf(c), conversation.conversation)).map(
              (o) => ({
                conversationId: o.id,
                channel: o.channel,
                market: o.market,
                status: o.status,
                lastMessageAt: o.lastMessageAt,
                visible: o.visible,
                escalationId: o.visible ? o.escalationId : null,
              }),
            )
          : [],
      },
      200,
    );
  });

  for (const decision of ["approve", "decline"] as const)
    app.openapi(decideRoute(decision), async (c) => {
      const { actions, orderActions } = deps;
      if (!actions || !orderActions)
        throw new AppError("dependency_unavailable", "Order actions are not configured on this deployment.");
      const { escalationId, actionId } = c.req.valid("param");
      const body = (c.req.valid("json") ?? {}) as z.infer<typeof ApproveRequest>;
      const action = await decideOnAction(
        { ...deps, actions, orderActions },
        agentOf(c),
        EscalationId(escalationId),
        actionId,
        decision,
        body,
      );
      return c.json(action, 200);
    });

  app.openapi(action("/claim", "Claim an escalation: 409 if another agent holds it"), async (c) =>
    c.json(
      await act(c, c.req.valid("param").escalationId, (agentId, at) => ({ kind: "claim", agentId, at })),
      200,
    ),
  );

  app.openapi(messageRoute, async (c) => {
    const body = c.req.valid("json");
    const message = await replyAsAgent(
      deps,
      agentOf(c),
      EscalationId(c.req.valid("param").escalationId),
      body,
    );
    return c.json(message, 200);
  });

  app.openapi(notesRoute, async (c) => {
    const note = await addNote(
      deps,
      agentOf(c),
      EscalationId(c.req.valid("param").escalationId),
      c.req.valid("json"),
    );
    return c.json(note, 200);
  });

  app.openapi(resolveRoute, async (c) => {
    const { note } = c.req.valid("json");
    return c.json(
      await act(c, c.req.valid("param").escalationId, (agentId, at) => ({
        kind: "resolve",
        agentId,
        at,
        note: note ?? null,
      })),
      200,
    );
  });

  app.openapi(action("/release", "Hand the conversation back to the AI"), async (c) =>
    c.json(
      await act(c, c.req.valid("param").escalationId, (agentId, at) => ({ kind: "release", agentId, at })),
      200,
    ),
  );

  app.openapi(listRoute, async (c) => {
    const agent = c.get("agent");
    const { region, status, limit, cursor } = c.req.valid("query");
    // A region outside the agent's claims is answered as if it did not exist.
    if (region && !agent.regions.includes(region)) throw new AppError("not_found", "No such inbox.");
    const page = await inbox.listInbox(
      { shops: agent.shops, regions: region ? [region] : agent.regions, status },
      { limit, cursor },
    );
    const items = [...page.items].sort(queueOrderFor(agent.languages));
    return c.json(
      { items: items.map((e) => inboxItem(e, summaryFor(agent, e))), nextCursor: page.nextCursor },
      200,
    );
  });
}
