import { describe, expect, it } from "vitest";
import type { Memory } from "../../functions/domain/conversation";
import { isMainlyDetails, readMessage, readYesNo, topicOf } from "../../functions/domain/dialogue";
import { extractEntities } from "../../functions/domain/extract";

const asked = (patch: Partial<Memory>): Memory => ({ misunderstandings: 0, ...patch });
const read = (text: string, memory: Memory, region = "ID") =>
  readMessage(text, extractEntities(text, region), memory);

describe("dialogue state: the next message is first read as the answer to what we asked", () => {
  it.each([
    ["my email is linh@example.vn", "VN"],
    ["ini emailnya kak: siti@example.com", "ID"],
    ["sđt của mình là 0901234567", "VN"],
    ["#1001です", "JP"],
    ["#1001이요", "KR"],
    ["Yung #1002 po", "PH"],
    ["手机号 138 1234 5678", "CN"],
    ["My name is Tran Thi Linh", "VN"],
  ])("takes %s for details and little else", (text, region) => {
    expect(isMainlyDetails(text, extractEntities(text, region))).toBe(true);
  });

  it.each([
    "Kak, pesanan #1001 udah seminggu belum sampai juga, kenapa lama banget?",
    "I want to return #1001 because the sleeves are torn",
    "hello there",
  ])("does not take a message that says more for details: %s", (text) => {
    expect(isMainlyDetails(text, extractEntities(text, "ID"))).toBe(false);
  });

  it("reads an order number as the answer to 'which order?', and continues the topic asked about", () => {
    const memory = asked({ awaiting: "order_number", pendingIntent: "refund_return" });
    const reading = read("#1001です", memory, "JP");
    expect(reading.answers).toBe("order_number");
    // Whatever the classifier makes of "#1001です" (it once said change_address), the return continues.
    const topic = topicOf({
      classified: { intent: "change_address", confidence: 0.7 },
      reading,
      memory,
      signals: [],
    });
    expect(topic.intent).toBe("refund_return");
  });

  it("reads an email or a phone as the answer to the checkout contact we asked for", () => {
    const memory = asked({
      awaiting: "checkout_contact",
      pendingIntent: "order_status",
      pendingOrder: "#1001",
    });
    expect(read("my email is linh@example.vn", memory).answers).toBe("checkout_contact");
    expect(read("nomor saya 0812-3456-7890", memory).answers).toBe("checkout_contact");
  });

  it("never makes details alone a topic of their own, even when nothing was asked", () => {
    const memory = asked({});
    const reading = read("my email is linh@example.vn", memory);
    for (const intent of ["sensitive_privacy", "human_request", "greeting"] as const)
      expect(topicOf({ classified: { intent, confidence: 0.9 }, reading, memory, signals: [] }).intent).toBe(
        "order_status",
      );
  });

  it("lets the signals that win override the answer: an angry answer is still anger", () => {
    const memory = asked({ awaiting: "order_number", pendingIntent: "greeting" });
    const reading = read("#1001!!! 😡", memory);
    const topic = topicOf({
      classified: { intent: "unknown", confidence: 0 },
      reading,
      memory,
      signals: ["frustration"],
    });
    expect(topic.intent).toBe("order_status");
    expect(
      topicOf({
        classified: { intent: "unknown", confidence: 0 },
        reading: read("😡😡😡", asked({})),
        memory: asked({}),
        signals: ["frustration"],
      }).intent,
    ).toBe("complaint");
  });

  it.each([
    ["no thanks", "no"],
    ["No, that's all!", "no"],
    ["ga ada kak", "no"],
    ["không ạ", "no"],
    ["아니요", "no"],
    ["大丈夫です", "no"],
    ["没有了", "no"],
    ["yes please", "yes"],
    ["iya kak", "yes"],
    ["네", "yes"],
    ["はい", "yes"],
  ])("reads %s as %s", (text, answer) => {
    expect(readYesNo(text)).toBe(answer);
  });

  it("reads no yes or no in a message that says more", () => {
    expect(readYesNo("nothing arrived yet, where is my parcel?")).toBeNull();
    expect(readYesNo("nope the parcel never came and I want a refund")).toBeNull();
  });

  it("reads a yes or no only when we asked a yes-or-no question", () => {
    expect(read("no thanks", asked({ awaiting: "confirmation" })).yesNo).toBe("no");
    expect(read("no thanks", asked({})).yesNo).toBeNull();
  });
});
