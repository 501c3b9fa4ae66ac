/** The CDK app: `npm run synth` builds the bundles and synthesises the stack offline. */
import { join } from "node:path";
import { App } from "aws-cdk-lib";
import { SupportStack } from "./support-stack";

const app = new App({ outdir: join(import.meta.dirname, "../cdk.out") });
const stage = app.node.tryGetContext("stage") === "prod" ? "prod" : "dev";
new SupportStack(app, `support-${stage}`, {
  stage,
  distDir: join(import.meta.dirname, "../dist"),
  shopifyApiKey: app.node.tryGetContext("shopifyApiKey") ?? process.env.SHOPIFY_API_KEY,
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION ?? "ap-southeast-1",
  },
});
app.synth();
