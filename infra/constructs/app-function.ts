/** Every Lambda's defaults in one place: the built bundle, Node 22 on arm64, tracing, a log group with retention. */
import { type Duration, RemovalPolicy } from "aws-cdk-lib";
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from "aws-cdk-lib/aws-lambda";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";

export interface AppFunctionProps {
  /** The entry point's name: dist/<name>/index.mjs from `npm run build`. */
  readonly entry: string;
  readonly distDir: string;
  /** Memory also buys CPU on Lambda; sized per function below (see each use for why). */
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment: Readonly<Record<string, string>>;
  readonly retention?: RetentionDays;
}

export class AppFunction extends Construct {
  readonly fn: LambdaFunction;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, "Logs", {
      retention: props.retention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.fn = new LambdaFunction(this, "Function", {
      // The same bundles `npm run bench` measures: esbuild, minified, ESM, with source maps.
      code: Code.fromAsset(`${props.distDir}/${props.entry}`),
      handler: "index.handler",
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      tracing: Tracing.ACTIVE,
      logGroup,
      environment: { NODE_OPTIONS: "--enable-source-maps", ...props.environment },
    });
  }
}
