/** Starts the embedded AWS emulators in this process: dynalite (DynamoDB) and local-aws-sqs (SQS), on loopback. */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import dynalite from "dynalite";
import { createSqsServer } from "local-aws-sqs";

export interface Emulators {
  readonly dynamodbEndpoint: string;
  readonly sqsEndpoint: string;
  /** Requests each emulator has served so far, for benchmarks and request-budget tests. */
  requestCounts(): { dynamodb: number; sqs: number };
  stop(): Promise<void>;
}

export interface EmulatorOptions {
  /** Where DynamoDB data persists; in memory when absent. */
  readonly dataPath?: string | undefined;
  readonly dynamodbPort?: number;
  readonly sqsPort?: number;
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });

export async function startEmulators(options: EmulatorOptions = {}): Promise<Emulators> {
  const dynamo = dynalite({
    ...(options.dataPath ? { path: options.dataPath } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    dynamo.once("error", reject);
    dynamo.listen(options.dynamodbPort ?? 0, "127.0.0.1", () => resolve());
  });
  const sqs = await createSqsServer({
    port: options.sqsPort ?? 0,
    hostname: "127.0.0.1",
    region: "ap-southeast-1",
    emulateQueueCreationLifecycle: false,
  });
  // The emulators write headers and body separately; without TCP_NODELAY each response waits ~40 ms for a delayed ACK.
  for (const server of [dynamo, sqs]) server.on("connection", (socket) => socket.setNoDelay(true));
  const counts = { dynamodb: 0, sqs: 0 };
  dynamo.on("request", () => counts.dynamodb++);
  sqs.on("request", () => counts.sqs++);
  const dynamoPort = (dynamo.address() as AddressInfo).port;
  const sqsPort = (sqs.address() as AddressInfo).port;
  return {
    dynamodbEndpoint: `http://127.0.0.1:${dynamoPort}`,
    sqsEndpoint: `http://127.0.0.1:${sqsPort}`,
    requestCounts: () => ({ ...counts }),
    async stop() {
      await Promise.all([close(sqs), close(dynamo)]);
    },
  };
}
