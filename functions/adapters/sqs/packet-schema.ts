/** Reads a handoff packet from a queue body: queue bodies are input like any other. */
import { type HandoffPacket, HandoffPacketSchema } from "../../domain/escalation";
import { parseQueueBody, type QueueBodyResult } from "./queue-body";

/** The packet in a queue body, or why it is not one (never throws: a malformed body is dropped, not retried). */
export const parsePacket = (body: string): QueueBodyResult<HandoffPacket> =>
  parseQueueBody(HandoffPacketSchema, body);
