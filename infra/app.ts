/** The CDK app: `npm run synth` builds the bundles and synthesises one stack per region offline. */
import { join } from "node:path";
import { App, Aspects } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { readConfig } from "./config";
import { SupportStack } from "./support-stack";

const app = new App({ outdir: process.env.CDK_OUTDIR ?? join(import.meta.dirname, "../cdk.out") });
const config = readConfig((key) => app.node.tryGetContext(key));
for (const region of config.regions) {
  new SupportStack(app, `support-${config.stage}-${region}`, {
    config,
    distDir: join(import.meta.dirname, "../dist"),
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region },
  });
}
Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
app.synth();
