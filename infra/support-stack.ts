/** The AWS deployment: HTTP API, the API and consumer functions, the table and one FIFO escalation queue per region. */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction as LambdaFunctionTarget } from "aws-cdk-lib/aws-events-targets";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { AttributeType, Billing, TableV2 } from "aws-cdk-lib/aws-dynamodb";
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from "aws-cdk-lib/aws-lambda";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Key } from "aws-cdk-lib/aws-kms";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { REGIONS, type Region } from "../functions/domain/markets";

export interface SupportStackProps extends StackProps {
  readonly stage: "dev" | "prod";
  /** Folder holding dist/<handler>/index.mjs from `npm run build`. */
  readonly distDir: string;
  /** The Shopify app's client id (public); its secret goes in the ShopifyApiSecret secret. */
  readonly shopifyApiKey?: string;
}

export class SupportStack extends Stack {
  constructor(scope: Construct, id: string, props: SupportStackProps) {
    super(scope, id, props);
    const prod = props.stage === "prod";

    const table = new TableV2(this, "Table", {
      partitionKey: { name: "pk", type: AttributeType.STRING },
      sortKey: { name: "sk", type: AttributeType.STRING },
      billing: Billing.onDemand(),
      timeToLiveAttribute: "expiresAt",
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      globalSecondaryIndexes: [
        {
          indexName: "gsi1",
          partitionKey: { name: "gsi1pk", type: AttributeType.STRING },
          sortKey: { name: "gsi1sk", type: AttributeType.STRING },
        },
      ],
    });

    const queues = {} as Record<Region, Queue>;
    for (const region of REGIONS) {
      const deadLetters = new Queue(this, `Escalations-${region}-DLQ`, {
        fifo: true,
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      queues[region] = new Queue(this, `Escalations-${region}`, {
        fifo: true,
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // Six times the consumer's timeout, as Lambda's SQS event source recommends.
        visibilityTimeout: Duration.seconds(60),
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
      });
    }

    const shopifyDeadLetters = new Queue(this, "ShopifyEvents-DLQ", {
      fifo: true,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const shopifyEvents = new Queue(this, "ShopifyEvents", {
      fifo: true,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(180),
      deadLetterQueue: { queue: shopifyDeadLetters, maxReceiveCount: 5 },
    });

    const fifoWithDlq = (id: string, visibility: Duration) => {
      const deadLetters = new Queue(this, `${id}-DLQ`, {
        fifo: true,
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      return new Queue(this, id, {
        fifo: true,
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: visibility,
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
      });
    };
    const marketplaceInbound = fifoWithDlq("MarketplaceInbound", Duration.seconds(180));
    const marketplaceOutbound = fifoWithDlq("MarketplaceOutbound", Duration.seconds(60));

    // Shop access tokens are sealed with data keys from this key (envelope encryption).
    const tokenKey = new Key(this, "ShopTokenKey", {
      enableKeyRotation: true,
      description: "Seals Shopify and marketplace tokens",
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const shopifySecret = new Secret(this, "ShopifyApiSecret", {
      description: "The Shopify app's API secret (set it after the first deploy)",
    });

    const agentSecret = new Secret(this, "AgentJwtSecret", {
      description: "HS256 secret of agent tokens",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });

    const environment = {
      TABLE_NAME: table.tableName,
      ESCALATION_QUEUE_URLS: Stack.of(this).toJsonString(
        Object.fromEntries(REGIONS.map((r) => [r, queues[r].queueUrl])),
      ),
      // Resolved by CloudFormation at deploy; agent sign-in moves to a Cognito authorizer with the infrastructure issue.
      AGENT_JWT_SECRET: agentSecret.secretValue.unsafeUnwrap(),
      LOG_LEVEL: prod ? "INFO" : "DEBUG",
      SHOPIFY_API_KEY: props.shopifyApiKey ?? "",
      SHOPIFY_API_SECRET: shopifySecret.secretValue.unsafeUnwrap(),
      SHOPIFY_EVENTS_QUEUE_URL: shopifyEvents.queueUrl,
      TOKEN_KMS_KEY_ID: tokenKey.keyArn,
      MARKETPLACE_INBOUND_QUEUE_URL: marketplaceInbound.queueUrl,
      MARKETPLACE_OUTBOUND_QUEUE_URL: marketplaceOutbound.queueUrl,
      NODE_OPTIONS: "--enable-source-maps",
    };
    const common = {
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      handler: "index.handler",
      tracing: Tracing.ACTIVE,
      environment,
    };

    const api = new LambdaFunction(this, "ApiFunction", {
      ...common,
      code: Code.fromAsset(`${props.distDir}/api`),
      // The embedded engine trains its intent model at cold start: memory buys CPU for that.
      memorySize: 1024,
      timeout: Duration.seconds(10),
      logGroup: new LogGroup(this, "ApiLogs", {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    table.grantReadWriteData(api);
    for (const q of Object.values(queues)) q.grantSendMessages(api);
    shopifyEvents.grantSendMessages(api);
    marketplaceInbound.grantSendMessages(api);
    marketplaceOutbound.grantSendMessages(api);
    tokenKey.grantEncryptDecrypt(api);

    const consumer = new LambdaFunction(this, "EscalationConsumer", {
      ...common,
      code: Code.fromAsset(`${props.distDir}/escalation-consumer`),
      memorySize: 256,
      timeout: Duration.seconds(10),
      logGroup: new LogGroup(this, "ConsumerLogs", {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    table.grantReadWriteData(consumer);
    for (const q of Object.values(queues)) {
      consumer.addEventSource(
        new SqsEventSource(q, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 5 }),
      );
    }

    const shopifyWorker = new LambdaFunction(this, "ShopifyEventsWorker", {
      ...common,
      code: Code.fromAsset(`${props.distDir}/shopify-events`),
      memorySize: 512,
      timeout: Duration.seconds(30),
      logGroup: new LogGroup(this, "ShopifyWorkerLogs", {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    table.grantReadWriteData(shopifyWorker);
    tokenKey.grantDecrypt(shopifyWorker);
    shopifyWorker.addEventSource(
      new SqsEventSource(shopifyEvents, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 5 }),
    );

    // Marketplace pushes are answered by the same pipeline as the API (and its NLU), so the same bundle's size.
    const inboundWorker = new LambdaFunction(this, "MarketplaceInboundWorker", {
      ...common,
      code: Code.fromAsset(`${props.distDir}/marketplace-inbound`),
      memorySize: 1024,
      timeout: Duration.seconds(30),
      logGroup: new LogGroup(this, "MarketplaceInboundLogs", {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    table.grantReadWriteData(inboundWorker);
    for (const q of [...Object.values(queues), marketplaceOutbound]) q.grantSendMessages(inboundWorker);
    tokenKey.grantDecrypt(inboundWorker);
    inboundWorker.addEventSource(
      new SqsEventSource(marketplaceInbound, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: 10,
      }),
    );

    const outboundWorker = new LambdaFunction(this, "MarketplaceOutboundWorker", {
      ...common,
      code: Code.fromAsset(`${props.distDir}/marketplace-outbound`),
      memorySize: 256,
      timeout: Duration.seconds(10),
      logGroup: new LogGroup(this, "MarketplaceOutboundLogs", {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    table.grantReadWriteData(outboundWorker);
    tokenKey.grantEncryptDecrypt(outboundWorker);
    marketplaceOutbound.grant(outboundWorker, "sqs:ChangeMessageVisibility");
    outboundWorker.addEventSource(
      new SqsEventSource(marketplaceOutbound, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: 5,
      }),
    );

    // R7: every minute, escalations past their due time are marked overdue, re-prioritised and reported.
    const sweeper = new LambdaFunction(this, "SlaSweeper", {
      ...common,
      code: Code.fromAsset(`${props.distDir}/sla-sweeper`),
      memorySize: 256,
      timeout: Duration.seconds(50),
      logGroup: new LogGroup(this, "SweeperLogs", {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    table.grantReadWriteData(sweeper);
    new Rule(this, "SlaSweepSchedule", {
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunctionTarget(sweeper)],
    });

    const http = new HttpApi(this, "HttpApi", { defaultIntegration: new HttpLambdaIntegration("Api", api) });

    new CfnOutput(this, "ApiUrl", { value: http.apiEndpoint });
    for (const r of REGIONS)
      new CfnOutput(this, `QueueUrl${r.replace(/-/g, "")}`, { value: queues[r].queueUrl });
  }
}
