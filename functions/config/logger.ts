/** Structured JSON logs through Powertools, behind the domain's Logger port. */
import { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import type { Logger } from "../domain/ports";

export function createLogger(
  level: "DEBUG" | "INFO" | "WARN" | "ERROR" | "SILENT",
  serviceName = "support-backend",
): Logger {
  const log = new PowertoolsLogger({ serviceName, logLevel: level });
  // Powertools takes attributes as a trailing object; the port keeps callers to (message, attributes).
  const at =
    (write: (message: string, ...extra: [Record<string, unknown>] | []) => void) =>
    (message: string, attributes?: Readonly<Record<string, unknown>>) =>
      attributes ? write(message, { ...attributes }) : write(message);
  return {
    debug: at(log.debug.bind(log)),
    info: at(log.info.bind(log)),
    warn: at(log.warn.bind(log)),
    error: at(log.error.bind(log)),
  };
}
