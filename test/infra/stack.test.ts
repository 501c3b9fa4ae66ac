import { App } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { SupportStack } from "../../infra/support-stack";
import { buildBundles, DIST } from "../../scripts/build";

let template: Template;

beforeAll(async () => {
  await buildBundles();
  const app = new App();
  template = Template.fromStack(
    new SupportStack(app, "test", { stage: "prod", distDir: DIST, env: { region: "ap-southeast-1" } }),
  );
}, 120_000);

describe("the CDK stack", () => {
  it("creates the table with PITR, TTL, the GSI and deletion protection in production", () => {
    template.hasResourceProperties("AWS::DynamoDB::GlobalTable", {
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: "gsi1" })],
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
    });
  });

  it("creates an encrypted FIFO queue with a DLQ per agent region, for Shopify events and for marketplace messages", () => {
    const queues = template.findResources("AWS::SQS::Queue", {
      Properties: { RedrivePolicy: Match.anyValue() },
    });
    expect(Object.keys(queues)).toHaveLength(7); // four regions, Shopify events, marketplace inbound and outbound
    for (const q of Object.values(queues)) {
      expect(q.Properties).toMatchObject({
        FifoQueue: true,
        SqsManagedSseEnabled: true,
        RedrivePolicy: { maxReceiveCount: 5 },
      });
    }
  });

  it("runs every function (API, escalation consumer, SLA sweeper, Shopify and marketplace workers) on Node 22, arm64, with tracing", () => {
    template.resourcePropertiesCountIs(
      "AWS::Lambda::Function",
      { Runtime: "nodejs22.x", Architectures: ["arm64"], TracingConfig: { Mode: "Active" } },
      6,
    );
  });

  it("seals shop tokens with a rotating KMS key", () => {
    template.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
  });

  it("runs the SLA sweeper every minute", () => {
    template.hasResourceProperties("AWS::Events::Rule", { ScheduleExpression: "rate(1 minute)" });
  });

  it("feeds the workers from every queue with partial batch responses", () => {
    template.resourcePropertiesCountIs(
      "AWS::Lambda::EventSourceMapping",
      { FunctionResponseTypes: ["ReportBatchItemFailures"] },
      7, // four regional escalation queues, Shopify events, marketplace inbound and outbound
    );
  });

  it("routes the HTTP API to the API function", () => {
    template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
    template.hasResourceProperties("AWS::ApiGatewayV2::Route", { RouteKey: "$default" });
  });
});
