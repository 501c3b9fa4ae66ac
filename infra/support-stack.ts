/**
 * The AWS deployment: an HTTP API in front of the API function, the single table, one FIFO escalation queue per
 * agent region, the Shopify and marketplace queues, their workers, the SLA sweeper, a Cognito user pool for agents,
 * a KMS key for shop tokens and the secrets, with least-privilege IAM for each function.
 */
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey, HttpStage } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpUserPoolAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
} from "aws-cdk-lib/aws-cognito";
import { AttributeType, Billing, type ITableV2, ProjectionType, TableV2 } from "aws-cdk-lib/aws-dynamodb";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction as LambdaTarget } from "aws-cdk-lib/aws-events-targets";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import type { IFunction, Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { NagSuppressions } from "cdk-nag";
import type { Construct } from "constructs";
import { AGENT_GROUPS } from "../functions/http/auth";
import { REGIONS, type Region } from "../functions/domain/markets";
import type { DeploymentConfig } from "./config";
import { AppFunction } from "./constructs/app-function";
import { FifoQueue } from "./constructs/fifo-queue";

export interface SupportStackProps extends StackProps {
  readonly config: DeploymentConfig;
  /** Folder holding dist/<entry>/index.mjs from `npm run build`. */
  readonly distDir: string;
}

/** The table's data actions each function needs, and nothing more. */
const READ = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"];
const WRITE = ["dynamodb:PutItem", "dynamodb:UpdateItem"];
const DELETE = ["dynamodb:DeleteItem", "dynamodb:BatchWriteItem"];
/** The API function's table actions (a test runs the API's routes and checks it asks for nothing else). */
export const API_TABLE_ACTIONS = [...READ, ...WRITE, "dynamodb:DescribeTable"];
/** The alias shoppers' functions are invoked through when warm instances are on. */
export const WARM_ALIAS = "live";
/** At most this many marketplace inbound workers run at once (the SQS event source's cap). */
export const INBOUND_MAX_CONCURRENCY = 10;

export class SupportStack extends Stack {
  constructor(scope: Construct, id: string, props: SupportStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prod = config.stage === "prod";
    const tableName = `support-${config.stage}`;
    const primary = config.regions[0] ?? "ap-southeast-1";

    // One table; a global table when the stack runs in several regions (the first region owns it).
    const table: ITableV2 =
      this.region === primary || this.region.startsWith("${")
        ? new TableV2(this, "Table", {
            tableName,
            partitionKey: { name: "pk", type: AttributeType.STRING },
            sortKey: { name: "sk", type: AttributeType.STRING },
            billing: Billing.onDemand(),
            timeToLiveAttribute: "expiresAt",
            pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
            deletionProtection: prod,
            removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
            replicas: config.regions.slice(1).map((region) => ({ region })),
            globalSecondaryIndexes: [
              {
                indexName: "gsi1",
                partitionKey: { name: "gsi1pk", type: AttributeType.STRING },
                sortKey: { name: "gsi1sk", type: AttributeType.STRING },
              },
              // Keys of everything a shop owns, for shop/redact.
              {
                indexName: "owner",
                partitionKey: { name: "owner", type: AttributeType.STRING },
                projectionType: ProjectionType.KEYS_ONLY,
              },
            ],
          })
        : TableV2.fromTableName(this, "Table", tableName);

    const escalations = Object.fromEntries(
      REGIONS.map((r) => [
        r,
        new FifoQueue(this, `Escalations-${r}`, {
          visibilityTimeout: Duration.seconds(60),
          maxMessageAge: Duration.minutes(5),
        }),
      ]),
    ) as Record<Region, FifoQueue>;
    const shopifyEvents = new FifoQueue(this, "ShopifyEvents", {
      visibilityTimeout: Duration.seconds(180),
      maxMessageAge: Duration.minutes(15),
    });
    const inbound = new FifoQueue(this, "MarketplaceInbound", {
      visibilityTimeout: Duration.seconds(180),
      maxMessageAge: Duration.minutes(5),
    });
    const outbound = new FifoQueue(this, "MarketplaceOutbound", {
      visibilityTimeout: Duration.seconds(60),
      maxMessageAge: Duration.minutes(30),
    });

    // Shop and marketplace tokens are sealed with data keys from this key (envelope encryption).
    const tokenKey = new Key(this, "ShopTokenKey", {
      enableKeyRotation: true,
      description: "Seals Shopify and marketplace tokens",
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const shopifySecret = new Secret(this, "ShopifyApiSecret", {
      description: "The Shopify app's API secret: set its value after the first deploy",
    });
    const openaiSecret = config.openai
      ? new Secret(this, "OpenAiApiKey", {
          description: "The OpenAI-compatible API key: set its value after the first deploy",
        })
      : undefined;
    // The operator's own marketplace apps, only those configured: one secret each (never the Shopify one), and the
    // variables config/marketplace-apps.ts reads, with the secret as a dynamic reference resolved at deploy time.
    const appSecrets: { readonly id: string; readonly secret: Secret }[] = [];
    const marketplaceEnvironment: Record<string, string> = {};
    const appSecret = (id: string, what: string, variable: string, identifiers: Record<string, string>) => {
      const secret = new Secret(this, id, { description: `${what}: set its value after the first deploy` });
      appSecrets.push({ id, secret });
      Object.assign(marketplaceEnvironment, identifiers, { [variable]: secret.secretValue.unsafeUnwrap() });
    };
    const apps = config.marketplaceApps;
    if (apps.shopee)
      appSecret("ShopeePartnerKey", "The Shopee app's live partner key", "SHOPEE_PARTNER_KEY", {
        SHOPEE_PARTNER_ID: apps.shopee.partnerId,
      });
    if (apps.lazada)
      appSecret("LazadaAppSecret", "The Lazada app's app secret", "LAZADA_APP_SECRET", {
        LAZADA_APP_KEY: apps.lazada.appKey,
      });
    if (apps.tiktok)
      appSecret("TikTokAppSecret", "The TikTok Shop app's app secret", "TIKTOK_APP_SECRET", {
        TIKTOK_APP_KEY: apps.tiktok.appKey,
        TIKTOK_SERVICE_ID: apps.tiktok.serviceId,
      });

    // Agents sign in to a user pool. Their scope is their groups (region:<region>, shop:<shopId>, all-shops), which
    // only an administrator can change; languages are a custom attribute that no app client may write.
    const userPool = new UserPool(this, "Agents", {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      customAttributes: {
        // regions and shops are no longer read (a pool's attributes cannot be deleted once created): scope is groups.
        regions: new StringAttribute({ mutable: true }),
        shops: new StringAttribute({ mutable: true }),
        languages: new StringAttribute({ mutable: true }),
      },
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // The HTTP API comes first: the web inbox's sign-in callback is on it, and the functions need the client's id.
    const http = new HttpApi(this, "HttpApi", { createDefaultStage: false });
    const appUrl = config.appUrl ?? http.apiEndpoint;
    // The web inbox signs agents in through the hosted UI: authorization code with PKCE, no client secret.
    const hostedUi = userPool.addDomain("HostedUi", {
      cognitoDomain: { domainPrefix: `support-inbox-${config.stage}-${Aws.ACCOUNT_ID}` },
    });
    const inboxClient = userPool.addClient("InboxClient", {
      authFlows: { userSrp: true },
      generateSecret: false,
      // Cognito lets a user write, with their own access token, every attribute the client may write: only the
      // locale, so nobody edits their languages, name or e-mail (an administrator does).
      writeAttributes: new ClientAttributes().withStandardAttributes({ locale: true }),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true, locale: true })
        .withCustomAttributes("languages"),
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${appUrl}/inbox/auth/callback`],
        logoutUrls: [`${appUrl}/inbox/sign-in`],
      },
    });
    const issuer = `https://cognito-idp.${this.region}.amazonaws.com/${userPool.userPoolId}`;
    // The groups that grant scope on the ID token's cognito:groups; shop:<shopId> groups are created per shop
    // (README "Granting agents regions and shops").
    for (const [id, groupName, description] of [
      ...REGIONS.map((r) => [
        `Region${r.replace(/-/g, "")}`,
        `${AGENT_GROUPS.regionPrefix}${r}`,
        `Agents of ${r}`,
      ]),
      ["AllShops", AGENT_GROUPS.allShops, "Agents of every shop (the seller's own team)"],
    ] as const)
      new CfnUserPoolGroup(this, `AgentGroup${id}`, {
        userPoolId: userPool.userPoolId,
        groupName,
        description,
      });

    const queueUrls = Object.fromEntries(REGIONS.map((r) => [r, escalations[r].queue.queueUrl]));
    const environment: Record<string, string> = {
      TABLE_NAME: tableName,
      ESCALATION_QUEUE_URLS: Stack.of(this).toJsonString(queueUrls),
      AGENT_JWT_ISSUER: issuer,
      AGENT_JWT_AUDIENCE: inboxClient.userPoolClientId,
      INBOX_COGNITO_DOMAIN: hostedUi.baseUrl(),
      INBOX_COGNITO_CLIENT_ID: inboxClient.userPoolClientId,
      APP_URL: appUrl,
      SHOPIFY_API_KEY: config.shopifyApiKey ?? "",
      SHOPIFY_EVENTS_QUEUE_URL: shopifyEvents.queue.queueUrl,
      MARKETPLACE_INBOUND_QUEUE_URL: inbound.queue.queueUrl,
      MARKETPLACE_OUTBOUND_QUEUE_URL: outbound.queue.queueUrl,
      TOKEN_KMS_KEY_ID: tokenKey.keyArn,
      LOG_LEVEL: prod ? "INFO" : "DEBUG",
      // A new value updates every function, and CloudFormation resolves the secrets again only for a function it updates.
      ...(config.secretsRevision ? { SECRETS_REVISION: config.secretsRevision } : {}),
    };
    if (!config.shopifyApiKey) delete environment.SHOPIFY_API_KEY;
    // Each secret reaches only the functions that read it. Resolved by CloudFormation at deploy time (a dynamic
    // reference), never written in the template.
    // The Shopify app's secret: the API alone, which signs the install flow and verifies Shopify's webhooks.
    const shopifyAppEnvironment = { SHOPIFY_API_SECRET: shopifySecret.secretValue.unsafeUnwrap() };
    // The model's key: the functions that answer shoppers (the API, the inbound worker) or translate for agents (the inbox).
    const modelEnvironment: Record<string, string> = openaiSecret
      ? { OPENAI_API_KEY: openaiSecret.secretValue.unsafeUnwrap(), OPENAI_MODEL: config.openaiModel }
      : {};

    const tableAccess = (fn: LambdaFunction, actions: string[]) =>
      fn.addToRolePolicy(
        new PolicyStatement({ actions, resources: [table.tableArn, `${table.tableArn}/index/*`] }),
      );
    const fn = (
      id: string,
      entry: string,
      memorySize: number,
      timeout: Duration,
      extra: Record<string, string> = {},
    ) =>
      new AppFunction(this, id, {
        entry,
        distDir: props.distDir,
        memorySize,
        timeout,
        environment: { ...environment, ...extra },
      }).fn;
    const consume = (f: IFunction, q: Queue, maxConcurrency: number) =>
      f.addEventSource(
        new SqsEventSource(q, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency }),
      );
    // With -c warmInstances=<n>, shoppers' functions (messages, the inbound worker) are invoked through a `live` alias on the published version that
    // keeps n instances initialised (provisioned concurrency); without it, $LATEST on demand and no alias at all.
    const warm = (f: LambdaFunction, instances: number): IFunction =>
      config.warmInstances > 0 ? f.addAlias(WARM_ALIAS, { provisionedConcurrentExecutions: instances }) : f;

    // Every other route of the API (sellers, integrators, the agents' API, webhooks); 1 GB buys the CPU for the pipeline
    // its agent routes run (a takeover's reply, an approved action).
    // Only the API (GET /connect/{marketplace} and the app-level pushes) and the inbox (its Connect buttons and its own
    // start of the same flow) read the operator's marketplace apps; the workers use each account's sealed credentials.
    const api = fn("Api", "api", 1024, Duration.seconds(15), {
      ...marketplaceEnvironment,
      ...shopifyAppEnvironment,
      ...modelEnvironment,
    });
    // POST /v1/messages, the route a shopper waits on, in a function of its own (functions/handlers/messages.ts): its
    // cold start builds the reply pipeline alone. Same memory as the API: the embedded model runs on the request path.
    // It reads the table, sends escalations and unseals shops' tokens for an order lookup; no Shopify or marketplace
    // app secret reaches it.
    const messages = fn("Messages", "messages", 1024, Duration.seconds(15), { ...modelEnvironment });
    const messagesTarget = warm(messages, config.warmInstances);
    tableAccess(messages, API_TABLE_ACTIONS);
    for (const q of Object.values(escalations).map((e) => e.queue)) {
      q.grantSendMessages(messages);
      messages.addToRolePolicy(
        new PolicyStatement({ actions: ["sqs:GetQueueAttributes"], resources: [q.queueArn] }),
      );
    }
    tokenKey.grantEncryptDecrypt(messages);
    // The web inbox's pages, a function of their own so the API's bundle carries none of them; agents act on
    // conversations there as through the API (claim, reply, approve), so it needs the same table and queues.
    // Never given warm instances: agents, not shoppers, wait on its cold start, and an open inbox polls every 4 s.
    const inbox = fn("Inbox", "inbox", 1024, Duration.seconds(15), {
      ...marketplaceEnvironment,
      ...modelEnvironment,
    });
    for (const f of [api, inbox]) {
      tableAccess(f, API_TABLE_ACTIONS);
      for (const q of [
        ...Object.values(escalations).map((e) => e.queue),
        shopifyEvents.queue,
        inbound.queue,
        outbound.queue,
      ]) {
        q.grantSendMessages(f);
        f.addToRolePolicy(
          new PolicyStatement({ actions: ["sqs:GetQueueAttributes"], resources: [q.queueArn] }),
        );
      }
      tokenKey.grantEncryptDecrypt(f);
    }

    // Consumers do little CPU work per record; 256 MB is ample.
    const consumer = fn("EscalationConsumer", "escalation-consumer", 256, Duration.seconds(10));
    tableAccess(consumer, ["dynamodb:GetItem", "dynamodb:PutItem"]);
    // Consumer and sweeper sign sellers' notifications with secrets sealed under the same key.
    tokenKey.grantDecrypt(consumer);
    for (const r of REGIONS) consume(consumer, escalations[r].queue, 5);

    const sweeper = fn("SlaSweeper", "sla-sweeper", 256, Duration.seconds(50));
    tableAccess(sweeper, ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"]);
    tokenKey.grantDecrypt(sweeper);
    new Rule(this, "SlaSweepSchedule", {
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaTarget(sweeper)],
    });

    const shopifyWorker = fn("ShopifyEventsWorker", "shopify-events", 512, Duration.seconds(60));
    tableAccess(shopifyWorker, [...READ, ...WRITE, ...DELETE]);
    // A catalog sync reads a page per event and queues the next page behind it (functions/workers/catalog.ts).
    shopifyEvents.queue.grantSendMessages(shopifyWorker);
    tokenKey.grantDecrypt(shopifyWorker);
    consume(shopifyWorker, shopifyEvents.queue, 5);

    // Answers marketplace pushes with the same pipeline (and model) as the API.
    const inboundWorker = fn(
      "MarketplaceInboundWorker",
      "marketplace-inbound",
      1024,
      Duration.seconds(30),
      modelEnvironment,
    );
    tableAccess(inboundWorker, [...READ, ...WRITE]);
    for (const q of [...Object.values(escalations).map((e) => e.queue), outbound.queue])
      q.grantSendMessages(inboundWorker);
    // Warm instances beyond the event source's concurrency cap could never be used, only paid for.
    consume(
      warm(inboundWorker, Math.min(config.warmInstances, INBOUND_MAX_CONCURRENCY)),
      inbound.queue,
      INBOUND_MAX_CONCURRENCY,
    );

    const outboundWorker = fn("MarketplaceOutboundWorker", "marketplace-outbound", 256, Duration.seconds(15));
    // Query and UpdateItem: the channel rules' record and the conversation a held-back reply hands to a person.
    tableAccess(outboundWorker, [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ]);
    for (const q of Object.values(escalations).map((e) => e.queue)) q.grantSendMessages(outboundWorker);
    tokenKey.grantEncryptDecrypt(outboundWorker);
    consume(outboundWorker, outbound.queue, 5);

    // One HTTP API: agent routes behind the user pool's JWT authorizer, the rest authenticated by the app itself
    // (shop API keys, Shopify and marketplace signatures).
    const accessLogs = new LogGroup(this, "ApiAccessLogs", {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const integration = new HttpLambdaIntegration("Api", api);
    new HttpRoute(this, "DefaultRoute", { httpApi: http, routeKey: HttpRouteKey.DEFAULT, integration });
    new HttpStage(this, "DefaultStage", {
      // A ceiling for the whole API; per-shop limits belong in the app.
      throttle: { rateLimit: 100, burstLimit: 200 },
      httpApi: http,
      stageName: "$default",
      autoDeploy: true,
      accessLogSettings: { destination: { bind: () => ({ destinationArn: accessLogs.logGroupArn }) } },
    });
    const authorizer = new HttpUserPoolAuthorizer("Agents", userPool, { userPoolClients: [inboxClient] });
    for (const path of ["/v1/inbox", "/v1/inbox/{proxy+}"])
      http.addRoutes({ path, methods: [HttpMethod.ANY], integration, authorizer });
    http.addRoutes({
      path: "/v1/messages",
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration("Messages", messagesTarget),
    });
    // The pages check agents' tokens, sellers' keys and session cookies themselves (a browser sends no bearer token).
    const inboxIntegration = new HttpLambdaIntegration("Inbox", inbox);
    for (const path of ["/inbox", "/inbox/{proxy+}"])
      http.addRoutes({ path, methods: [HttpMethod.ANY], integration: inboxIntegration });

    new CfnOutput(this, "ApiUrl", { value: http.apiEndpoint });
    new CfnOutput(this, "TableName", { value: tableName });
    new CfnOutput(this, "UserPoolId", { value: userPool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: inboxClient.userPoolClientId });
    new CfnOutput(this, "InboxUrl", { value: `${appUrl}/inbox` });
    for (const r of REGIONS)
      new CfnOutput(this, `EscalationQueue${r.replace(/-/g, "")}`, { value: escalations[r].queue.queueUrl });
    new CfnOutput(this, "ShopifyEventsQueue", { value: shopifyEvents.queue.queueUrl });
    new CfnOutput(this, "MarketplaceOutboundQueue", { value: outbound.queue.queueUrl });
    // Where `aws secretsmanager put-secret-value --secret-id <arn>` sets each value after the first deploy.
    for (const { id, secret } of [
      { id: "ShopifyApiSecret", secret: shopifySecret },
      ...(openaiSecret ? [{ id: "OpenAiApiKey", secret: openaiSecret }] : []),
      ...appSecrets,
    ])
      new CfnOutput(this, `${id}Arn`, { value: secret.secretArn });

    // Each suppression says why the finding does not apply.
    NagSuppressions.addStackSuppressions(this, [
      {
        id: "AwsSolutions-IAM4",
        reason: "Lambda's basic execution role (CloudWatch Logs) is the managed policy AWS documents for it.",
      },
      {
        id: "AwsSolutions-IAM5",
        reason:
          "Wildcards are index ARNs of our own table (table/index/*), X-Ray's PutTraceSegments (no resource scoping exists) and KMS grants on our own key.",
      },
      {
        id: "AwsSolutions-L1",
        reason:
          "Node.js 22 is the runtime the product supports and tests (issue 7); newer runtimes are adopted deliberately.",
      },
      { id: "AwsSolutions-SQS3", reason: "These are the dead-letter queues themselves." },
      {
        id: "AwsSolutions-SMG4",
        reason:
          "The Shopify secret, the marketplace app secrets and the model key are issued by those vendors; they are rotated there, then updated here.",
      },
      {
        id: "AwsSolutions-COG3",
        reason:
          "Cognito threat protection (Plus plan) is an extra per-user cost left to the seller; MFA is required.",
      },
      {
        id: "AwsSolutions-COG8",
        reason:
          "The Plus feature plan is a per-user cost left to the seller; MFA and a strong password policy are enforced.",
      },
      {
        id: "AwsSolutions-APIG4",
        reason:
          "Only agent routes use the Cognito authorizer; shop routes check hashed API keys and webhooks check HMAC signatures in the app, before any work.",
      },
      {
        id: "AwsSolutions-APIG1",
        reason: "Access logging is configured on the $default stage (HttpStage accessLogSettings).",
      },
    ]);
  }
}
