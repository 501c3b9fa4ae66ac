/** Structured JSON logs through Powertools; callers log ids and outcomes, never message text or contact details. */
import { Logger } from "@aws-lambda-powertools/logger";

export type AppLogger = Pick<Logger, "debug" | "info" | "warn" | "error">;

export function createLogger(
  level: "DEBUG" | "INFO" | "WARN" | "ERROR" | "SILENT",
  serviceName = "support-backend",
): AppLogger {
  return new Logger({ serviceName, logLevel: level });
}
