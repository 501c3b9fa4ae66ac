import { App, Aspects } from "aws-cdk-lib";
import { Annotations, Match, Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { beforeAll, describe, expect, it } from "vitest";
import type { DeploymentConfig } from "../../infra/config";
import { SupportStack } from "../../infra/support-stack";
import { buildBundles, DIST } from "../../scripts/build";

const config = (overrides: Partial<DeploymentConfig> = {}): DeploymentConfig => ({
  stage: "prod",
  regions: ["ap-southeast-1"],
  shopifyApiKey: "shopify-client-id",
  openai: false,
  openaiModel: "gpt-4o-mini",
  warmInstances: 0,
  marketplaceApps: {},
  ...overrides,
});

function synth(c: DeploymentConfig) {
  const app = new App();
  const stack = new SupportStack(app, "test", {
    config: c,
    distDir: DIST,
    env: { account: "123456789012", region: c.regions[0] },
  });
  Aspects.of(stack).add(new AwsSolutionsChecks());
  return { stack, template: Template.fromStack(stack) };
}

let template: Template;
let stack: SupportStack;

// Generous: building the bundles retrains the intent model whenever the utterance files changed.
beforeAll(async () => {
  await buildBundles();
  ({ stack, template } = synth(config()));
}, 600_000);

/** The DynamoDB and SQS actions a function's role allows. */
function actionsOf(functionId: string, t: Template = template) {
  const functions = t.findResources("AWS::Lambda::Function");
  const [logicalId, fn] = Object.entries(functions).find(([id]) => id.startsWith(functionId)) ?? [];
  if (!fn || !logicalId) throw new Error(`no function ${functionId}`);
  const roleId = (fn.Properties.Role as { "Fn::GetAtt": string[] })["Fn::GetAtt"][0];
  const policies = Object.values(t.findResources("AWS::IAM::Policy")).filter((p) =>
    (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId),
  );
  const actions = new Set<string>();
  for (const p of policies) {
    for (const statement of p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]) {
      for (const a of [statement.Action].flat()) actions.add(a);
    }
  }
  return [...actions]
    .filter((a) => a.startsWith("dynamodb:") || a.startsWith("sqs:") || a.startsWith("kms:"))
    .sort();
}

/** The integration URI (which function) of the HTTP API route with this key, as JSON. */
function routesTo(routeKey: string, t: Template = template): string {
  const [route] = Object.values(
    t.findResources("AWS::ApiGatewayV2::Route", { Properties: { RouteKey: routeKey } }),
  );
  const target = JSON.stringify(route?.Properties.Target);
  const [integration] = Object.entries(t.findResources("AWS::ApiGatewayV2::Integration")).filter(([id]) =>
    target.includes(id),
  );
  return JSON.stringify(integration?.[1].Properties.IntegrationUri);
}

/** Every function of the stack, by construct id. */
const FUNCTIONS = [
  "Api",
  "Messages",
  "Inbox",
  "EscalationConsumer",
  "SlaSweeper",
  "ShopifyEventsWorker",
  "MarketplaceInboundWorker",
  "MarketplaceOutboundWorker",
] as const;

describe("the CDK stack", () => {
  it("passes cdk-nag's AwsSolutions checks, every suppression justified in code", () => {
    const errors = Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    expect(errors.map((e) => e.entry.data)).toEqual([]);
  });

  it("creates the table on demand with PITR, TTL, both indexes and deletion protection in production", () => {
    template.hasResourceProperties("AWS::DynamoDB::GlobalTable", {
      BillingMode: "PAY_PER_REQUEST",
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({ IndexName: "gsi1" }),
        Match.objectLike({ IndexName: "owner", Projection: { ProjectionType: "KEYS_ONLY" } }),
      ]),
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
    });
  });

  it("makes the table global when deployed to more than one region", () => {
    const multi = synth(config({ regions: ["ap-southeast-1", "ap-northeast-1"] })).template;
    const [table] = Object.values(multi.findResources("AWS::DynamoDB::GlobalTable"));
    const regions = ((table?.Properties.Replicas ?? []) as { Region: string }[]).map((r) => r.Region).sort();
    expect(regions).toEqual(["ap-northeast-1", "ap-southeast-1"]);
  });

  it("creates encrypted FIFO queues with DLQs for each region, Shopify events and marketplace messages", () => {
    const withDlq = template.findResources("AWS::SQS::Queue", {
      Properties: { RedrivePolicy: Match.anyValue() },
    });
    expect(Object.keys(withDlq)).toHaveLength(7);
    for (const q of Object.values(template.findResources("AWS::SQS::Queue"))) {
      expect(q.Properties).toMatchObject({ FifoQueue: true, SqsManagedSseEnabled: true });
    }
    for (const q of Object.values(withDlq))
      expect(q.Properties.RedrivePolicy).toMatchObject({ maxReceiveCount: 5 });
  });

  it("alarms on every dead-letter queue's depth and every queue's message age", () => {
    template.resourcePropertiesCountIs(
      "AWS::CloudWatch::Alarm",
      { MetricName: "ApproximateNumberOfMessagesVisible", Threshold: 1 },
      7,
    );
    template.resourcePropertiesCountIs(
      "AWS::CloudWatch::Alarm",
      { MetricName: "ApproximateAgeOfOldestMessage" },
      7,
    );
  });

  it("runs eight functions on Node 22, arm64, with tracing and log groups with retention", () => {
    template.resourcePropertiesCountIs(
      "AWS::Lambda::Function",
      { Runtime: "nodejs22.x", Architectures: ["arm64"], TracingConfig: { Mode: "Active" } },
      8,
    );
    template.resourcePropertiesCountIs("AWS::Logs::LogGroup", { RetentionInDays: 30 }, 9);
  });

  it("gives each function only its own table and queue actions", () => {
    const consume = [
      "sqs:ChangeMessageVisibility",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:GetQueueUrl",
      "sqs:ReceiveMessage",
    ];
    expect(actionsOf("EscalationConsumer")).toEqual(
      ["dynamodb:GetItem", "dynamodb:PutItem", "kms:Decrypt", ...consume].sort(),
    );
    expect(actionsOf("SlaSweeper")).toEqual([
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "kms:Decrypt",
    ]);
    expect(actionsOf("MarketplaceOutboundWorker")).toEqual(
      expect.arrayContaining(["dynamodb:GetItem", "dynamodb:PutItem", "kms:Decrypt", ...consume]),
    );
    expect(actionsOf("MarketplaceOutboundWorker").filter((a) => a.startsWith("dynamodb:"))).toEqual([
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ]);
    // Only the Shopify worker deletes (privacy duties); no function may scan or administer the table.
    for (const id of [
      "Api",
      "Inbox",
      "EscalationConsumer",
      "SlaSweeper",
      "MarketplaceInboundWorker",
      "MarketplaceOutboundWorker",
    ]) {
      expect(actionsOf(id)).not.toContain("dynamodb:DeleteItem");
    }
    expect(actionsOf("ShopifyEventsWorker")).toEqual(
      expect.arrayContaining(["dynamodb:DeleteItem", "dynamodb:BatchWriteItem"]),
    );
    for (const id of FUNCTIONS) {
      expect(
        actionsOf(id).filter((a) => a === "dynamodb:Scan" || a === "dynamodb:*" || a === "sqs:*"),
      ).toEqual([]);
    }
    expect(actionsOf("Api")).not.toContain("sqs:ReceiveMessage");
    expect(actionsOf("Inbox")).not.toContain("sqs:ReceiveMessage");
  });

  it("sends every route but shoppers' messages and the inbox pages to the API function, agent routes behind the Cognito JWT authorizer and webhooks without one", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
    });
    for (const key of ["ANY /v1/inbox", "ANY /v1/inbox/{proxy+}"]) {
      template.hasResourceProperties("AWS::ApiGatewayV2::Route", { RouteKey: key, AuthorizationType: "JWT" });
    }
    const defaults = Object.values(
      template.findResources("AWS::ApiGatewayV2::Route", { Properties: { RouteKey: "$default" } }),
    );
    expect(defaults).toHaveLength(1);
    expect(defaults[0]?.Properties.AuthorizationType ?? "NONE").toBe("NONE");
    const integrations = Object.values(template.findResources("AWS::ApiGatewayV2::Integration"));
    expect(integrations).toHaveLength(3);
    for (const key of ["$default", "ANY /v1/inbox", "ANY /v1/inbox/{proxy+}"])
      expect(routesTo(key)).toContain('"Api');
  });

  it("sends the inbox pages to their own function, which checks sessions itself (no JWT authorizer)", () => {
    for (const key of ["ANY /inbox", "ANY /inbox/{proxy+}"]) {
      const [route] = Object.values(
        template.findResources("AWS::ApiGatewayV2::Route", { Properties: { RouteKey: key } }),
      );
      expect(route?.Properties.AuthorizationType ?? "NONE").toBe("NONE");
      expect(routesTo(key)).toContain('"Inbox');
    }
  });

  it("sends POST /v1/messages to the shopper-message function, which authenticates shops' keys itself", () => {
    const [route] = Object.values(
      template.findResources("AWS::ApiGatewayV2::Route", { Properties: { RouteKey: "POST /v1/messages" } }),
    );
    expect(route?.Properties.AuthorizationType ?? "NONE").toBe("NONE");
    expect(routesTo("POST /v1/messages")).toMatch(
      /^\{"Fn::GetAtt":\["MessagesFunction[0-9A-F]{8}","Arn"\]\}$/,
    );
  });

  it("gives the shopper-message function the table, the escalation queues and the token key, and no app secret", () => {
    expect(actionsOf("Messages")).toEqual(
      expect.arrayContaining(["dynamodb:GetItem", "dynamodb:PutItem", "sqs:SendMessage", "kms:Decrypt"]),
    );
    expect(actionsOf("Messages")).not.toContain("sqs:ReceiveMessage");
    expect(environmentOf("Messages", template)).not.toHaveProperty("SHOPIFY_API_SECRET");
  });

  it("throttles the API stage", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
  });

  it("requires MFA for agents and carries their languages as an attribute", () => {
    template.hasResourceProperties("AWS::Cognito::UserPool", {
      MfaConfiguration: "ON",
      Schema: Match.arrayWith([Match.objectLike({ Name: "languages" })]),
    });
  });

  it("lets no agent write a custom attribute with their own token: the client's writable attributes are listed", () => {
    const clients = Object.values(template.findResources("AWS::Cognito::UserPoolClient"));
    expect(clients.length).toBeGreaterThan(0);
    for (const client of clients) {
      // Left out, Cognito would let the user write attributes of its own choosing (UpdateUserAttributes).
      const writable = client.Properties.WriteAttributes as string[] | undefined;
      expect(writable).toBeDefined();
      expect(writable?.filter((a) => a.startsWith("custom:"))).toEqual([]);
      expect(writable).not.toContain("name");
      expect(writable).not.toContain("email");
    }
    const [pool] = Object.values(template.findResources("AWS::Cognito::UserPool"));
    const custom = ((pool?.Properties.Schema ?? []) as { Name: string }[]).map((a) => `custom:${a.Name}`);
    expect(custom.length).toBeGreaterThan(0);
    for (const client of clients)
      for (const name of custom) expect(client.Properties.WriteAttributes).not.toContain(name);
  });

  it("grants agents their scope through groups only an administrator can change: one per region and all-shops", () => {
    const groups = Object.values(template.findResources("AWS::Cognito::UserPoolGroup")).map(
      (g) => g.Properties.GroupName as string,
    );
    expect(groups.sort()).toEqual(
      ["all-shops", "region:greater-china", "region:north-asia", "region:sea", "region:south-asia"].sort(),
    );
  });

  it("signs agents in to the web inbox through the hosted UI: code flow, no client secret, callback on the API", () => {
    template.resourceCountIs("AWS::Cognito::UserPoolDomain", 1);
    template.hasResourceProperties("AWS::Cognito::UserPoolClient", {
      AllowedOAuthFlows: ["code"],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayWith(["openid"]),
      GenerateSecret: false,
      CallbackURLs: [
        Match.objectLike({ "Fn::Join": Match.arrayWith([Match.arrayWith(["/inbox/auth/callback"])]) }),
      ],
    });
    const api = Object.values(template.findResources("AWS::Lambda::Function")).find((f) =>
      JSON.stringify(f).includes("INBOX_COGNITO_CLIENT_ID"),
    );
    expect(JSON.stringify(api)).toContain("INBOX_COGNITO_DOMAIN");
  });

  it("seals tokens with a rotating KMS key and runs the SLA sweeper every minute", () => {
    template.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
    template.hasResourceProperties("AWS::Events::Rule", { ScheduleExpression: "rate(1 minute)" });
  });

  it("outputs the API URL, the user pool ids and the queue URLs", () => {
    const outputs = Object.keys(template.findOutputs("*"));
    expect(outputs).toEqual(
      expect.arrayContaining([
        "ApiUrl",
        "UserPoolId",
        "UserPoolClientId",
        "InboxUrl",
        "TableName",
        "ShopifyEventsQueue",
        "EscalationQueuesea",
      ]),
    );
  });
});

/** The construct id ("Api", "MarketplaceInboundWorker") of the function a logical id reference names. */
function functionNamed(ref: unknown): string | undefined {
  return /"(\w+?)Function[0-9A-F]{8}"/.exec(JSON.stringify(ref))?.[1];
}

/** Each alias as [function, alias name, provisioned concurrency], sorted by function. */
function aliasesOf(t: Template) {
  return Object.values(t.findResources("AWS::Lambda::Alias"))
    .map((a) => [
      functionNamed(a.Properties.FunctionName),
      a.Properties.Name,
      a.Properties.ProvisionedConcurrencyConfig,
    ])
    .sort();
}

/** The FunctionName of the event source mapping that reads the queue with this construct id. */
function consumerOf(queueId: string, t: Template): string {
  const [mapping] = Object.values(t.findResources("AWS::Lambda::EventSourceMapping")).filter((m) =>
    JSON.stringify(m.Properties.EventSourceArn).includes(`"${queueId}Queue`),
  );
  return JSON.stringify(mapping?.Properties.FunctionName);
}

describe("warm instances (-c warmInstances=<n>, issue #21)", () => {
  let warm: ReturnType<typeof synth>;

  beforeAll(() => {
    warm = synth(config({ warmInstances: 2 }));
  });

  it("are off by default: no version is published, no alias made, and the API and inbound queue invoke $LATEST", () => {
    template.resourceCountIs("AWS::Lambda::Alias", 0);
    template.resourceCountIs("AWS::Lambda::Version", 0);
    expect(routesTo("$default")).toMatch(/^\{"Fn::GetAtt":\["ApiFunction[0-9A-F]{8}","Arn"\]\}$/);
    expect(consumerOf("MarketplaceInbound", template)).toMatch(
      /^\{"Ref":"MarketplaceInboundWorkerFunction[0-9A-F]{8}"\}$/,
    );
  });

  it("keep that many shopper-message functions and inbound workers initialised, each behind a `live` alias on a published version", () => {
    expect(aliasesOf(warm.template)).toEqual([
      ["MarketplaceInboundWorker", "live", { ProvisionedConcurrentExecutions: 2 }],
      ["Messages", "live", { ProvisionedConcurrentExecutions: 2 }],
    ]);
    const versions = warm.template.findResources("AWS::Lambda::Version");
    for (const alias of Object.values(warm.template.findResources("AWS::Lambda::Alias"))) {
      const [versionId] = alias.Properties.FunctionVersion["Fn::GetAtt"] as string[];
      expect(functionNamed(versions[versionId ?? ""]?.Properties.FunctionName)).toBe(
        functionNamed(alias.Properties.FunctionName),
      );
    }
  });

  it("send shoppers' messages to the message function's alias, and let API Gateway invoke the alias", () => {
    expect(routesTo("POST /v1/messages", warm.template)).toMatch(
      /^\{"Ref":"MessagesFunctionAliaslive[0-9A-F]{8}"\}$/,
    );
    const invokers = Object.values(
      warm.template.findResources("AWS::Lambda::Permission", {
        Properties: { Principal: "apigateway.amazonaws.com" },
      }),
    ).map((p) => JSON.stringify(p.Properties.FunctionName));
    const toMessages = invokers.filter((f) => f.includes('"MessagesFunction'));
    expect(toMessages).toHaveLength(1);
    for (const f of toMessages) expect(f).toMatch(/^\{"Ref":"MessagesFunctionAliaslive[0-9A-F]{8}"\}$/);
  });

  it("leave the rest of the API on demand: sellers, agents and webhooks, not a waiting shopper", () => {
    for (const key of ["$default", "ANY /v1/inbox", "ANY /v1/inbox/{proxy+}"])
      expect(routesTo(key, warm.template)).toMatch(/^\{"Fn::GetAtt":\["ApiFunction[0-9A-F]{8}","Arn"\]\}$/);
  });

  it("leave the web inbox's pages on demand: agents, not shoppers, wait on its cold start", () => {
    for (const key of ["ANY /inbox", "ANY /inbox/{proxy+}"])
      expect(routesTo(key, warm.template)).toMatch(/^\{"Fn::GetAtt":\["InboxFunction[0-9A-F]{8}","Arn"\]\}$/);
  });

  it("feed the inbound queue to the inbound worker's alias, which can still consume it; other queues stay on $LATEST", () => {
    expect(consumerOf("MarketplaceInbound", warm.template)).toContain(
      '"MarketplaceInboundWorkerFunctionAliaslive',
    );
    expect(consumerOf("MarketplaceInbound", warm.template)).toContain(":live");
    expect(actionsOf("MarketplaceInboundWorker", warm.template)).toEqual(
      expect.arrayContaining(["sqs:ReceiveMessage", "sqs:DeleteMessage"]),
    );
    for (const queue of ["MarketplaceOutbound", "ShopifyEvents", "Escalationssea"])
      expect(consumerOf(queue, warm.template)).toMatch(/^\{"Ref":"\w+Function[0-9A-F]{8}"\}$/);
  });

  it("never keep more inbound workers warm than the queue's event source runs at once (10)", () => {
    expect(aliasesOf(synth(config({ warmInstances: 20 })).template)).toEqual([
      ["MarketplaceInboundWorker", "live", { ProvisionedConcurrentExecutions: 10 }],
      ["Messages", "live", { ProvisionedConcurrentExecutions: 20 }],
    ]);
  });

  it("pass cdk-nag's AwsSolutions checks", () => {
    const errors = Annotations.fromStack(warm.stack).findError(
      "*",
      Match.stringLikeRegexp("AwsSolutions-.*"),
    );
    expect(errors.map((e) => e.entry.data)).toEqual([]);
  });
});

/** The environment variables of the function with this construct id. */
function environmentOf(functionId: string, t: Template): Record<string, unknown> {
  const [fn] = Object.entries(t.findResources("AWS::Lambda::Function"))
    .filter(([id]) => id.startsWith(`${functionId}Function`))
    .map(([, f]) => f);
  if (!fn) throw new Error(`no function ${functionId}`);
  return fn.Properties.Environment.Variables as Record<string, unknown>;
}

/** The logical id of the one Secrets Manager secret whose construct id is `secretId`. */
function secretNamed(secretId: string, t: Template): string {
  const ids = Object.keys(t.findResources("AWS::SecretsManager::Secret")).filter((id) =>
    new RegExp(`^${secretId}[0-9A-F]{8}$`).test(id),
  );
  expect(ids).toHaveLength(1);
  return ids[0] ?? "";
}

/** A CloudFormation dynamic reference to that secret's value, resolved at deploy time. */
const dynamicReference = (logicalId: string) => ({
  "Fn::Join": ["", ["{{resolve:secretsmanager:", { Ref: logicalId }, ":SecretString:::}}"]],
});

const MARKETPLACE_VARIABLES = [
  "SHOPEE_PARTNER_ID",
  "SHOPEE_PARTNER_KEY",
  "LAZADA_APP_KEY",
  "LAZADA_APP_SECRET",
  "TIKTOK_APP_KEY",
  "TIKTOK_APP_SECRET",
  "TIKTOK_SERVICE_ID",
];

describe("the operator's marketplace apps (-c shopeePartnerId, lazadaAppKey, tiktokAppKey, tiktokServiceId)", () => {
  let all: ReturnType<typeof synth>;

  beforeAll(() => {
    all = synth(
      config({
        marketplaceApps: {
          shopee: { partnerId: "2001234" },
          lazada: { appKey: "104455" },
          tiktok: { appKey: "6a1b2c3d4e5f6", serviceId: "7123456789012345678" },
        },
      }),
    );
  });

  it("are not configured by default: no secret but Shopify's, and no function gets their variables", () => {
    template.resourceCountIs("AWS::SecretsManager::Secret", 1);
    secretNamed("ShopifyApiSecret", template);
    for (const id of FUNCTIONS)
      for (const variable of MARKETPLACE_VARIABLES)
        expect(environmentOf(id, template)).not.toHaveProperty(variable);
  });

  it("each get a secret of their own, to be set after the first deploy, whose value the template never holds", () => {
    all.template.resourceCountIs("AWS::SecretsManager::Secret", 4);
    for (const id of ["ShopeePartnerKey", "LazadaAppSecret", "TikTokAppSecret"]) {
      const secret = all.template.findResources("AWS::SecretsManager::Secret")[secretNamed(id, all.template)];
      expect(secret?.Properties.Description).toMatch(/: set its value after the first deploy$/);
      expect(secret?.Properties).not.toHaveProperty("SecretString");
    }
  });

  it("reach the API and the inbox as their identifiers and a dynamic reference to their own secret", () => {
    const reference = (id: string) => dynamicReference(secretNamed(id, all.template));
    for (const fn of ["Api", "Inbox"])
      expect(environmentOf(fn, all.template)).toMatchObject({
        SHOPEE_PARTNER_ID: "2001234",
        SHOPEE_PARTNER_KEY: reference("ShopeePartnerKey"),
        LAZADA_APP_KEY: "104455",
        LAZADA_APP_SECRET: reference("LazadaAppSecret"),
        TIKTOK_APP_KEY: "6a1b2c3d4e5f6",
        TIKTOK_APP_SECRET: reference("TikTokAppSecret"),
        TIKTOK_SERVICE_ID: "7123456789012345678",
      });
  });

  it("reach no worker: the workers use each account's own sealed credentials", () => {
    for (const fn of FUNCTIONS.filter((f) => f !== "Api" && f !== "Inbox"))
      for (const variable of MARKETPLACE_VARIABLES)
        expect(environmentOf(fn, all.template)).not.toHaveProperty(variable);
  });

  it("configure only the marketplaces given: a Shopee app alone brings no Lazada or TikTok secret or variable", () => {
    const shopeeOnly = synth(config({ marketplaceApps: { shopee: { partnerId: "2001234" } } })).template;
    shopeeOnly.resourceCountIs("AWS::SecretsManager::Secret", 2);
    const api = environmentOf("Api", shopeeOnly);
    expect(api).toMatchObject({
      SHOPEE_PARTNER_ID: "2001234",
      SHOPEE_PARTNER_KEY: dynamicReference(secretNamed("ShopeePartnerKey", shopeeOnly)),
    });
    for (const variable of MARKETPLACE_VARIABLES.filter((v) => !v.startsWith("SHOPEE_")))
      expect(api).not.toHaveProperty(variable);
  });

  it("output each secret's ARN, for put-secret-value", () => {
    const outputs = all.template.findOutputs("*");
    for (const id of ["ShopifyApiSecret", "ShopeePartnerKey", "LazadaAppSecret", "TikTokAppSecret"])
      expect(outputs[`${id}Arn`]?.Value).toEqual({ Ref: secretNamed(id, all.template) });
    expect(Object.keys(template.findOutputs("*")).filter((o) => o.endsWith("Arn"))).toEqual([
      "ShopifyApiSecretArn",
    ]);
  });

  it("pass cdk-nag's AwsSolutions checks", () => {
    const errors = Annotations.fromStack(all.stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    expect(errors.map((e) => e.entry.data)).toEqual([]);
  });
});

describe("each secret reaches only the functions that read it", () => {
  // Synthesised once the bundles are built (the file's first beforeAll), as a clean checkout has no dist/ before then.
  let withModel: Template;
  beforeAll(() => {
    withModel = synth(config({ openai: true })).template;
  });
  const holders = (variable: string, t: Template) =>
    FUNCTIONS.filter((id) => variable in environmentOf(id, t)).sort();

  it("the Shopify app's secret: the API alone, as a dynamic reference to its secret", () => {
    expect(holders("SHOPIFY_API_SECRET", withModel)).toEqual(["Api"]);
    expect(environmentOf("Api", withModel).SHOPIFY_API_SECRET).toEqual(
      dynamicReference(secretNamed("ShopifyApiSecret", withModel)),
    );
  });

  it("the model's key: the functions that answer shoppers or translate for agents", () => {
    expect(holders("OPENAI_API_KEY", withModel)).toEqual([
      "Api",
      "Inbox",
      "MarketplaceInboundWorker",
      "Messages",
    ]);
    expect(environmentOf("Inbox", withModel).OPENAI_API_KEY).toEqual(
      dynamicReference(secretNamed("OpenAiApiKey", withModel)),
    );
  });

  it("no model configured: no function gets a model key", () => {
    expect(holders("OPENAI_API_KEY", template)).toEqual([]);
  });
});

describe("a new -c secretsRevision, after setting a secret's value", () => {
  it("changes every function, so CloudFormation resolves the secrets again on the next deploy", () => {
    const revised = synth(config({ secretsRevision: "2026-05-01" })).template;
    for (const id of FUNCTIONS) {
      expect(environmentOf(id, revised).SECRETS_REVISION).toBe("2026-05-01");
      expect(environmentOf(id, template)).not.toHaveProperty("SECRETS_REVISION");
    }
  });
});
