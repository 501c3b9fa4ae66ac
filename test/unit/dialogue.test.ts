import { describe, expect, it } from "vitest";
import type { Memory } from "../../functions/domain/conversation";
import {
  isMainlyDetails,
  NO_READING,
  orderNumberAskedFor,
  readMessage,
  readYesNo,
  topicOf,
} from "../../functions/domain/dialogue";
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

  it("takes the classifier's reading of a request for a person beside another topic as that request", () => {
    const topic = topicOf({
      classified: { intent: "refund_return", confidence: 0.6, asksForPerson: true },
      reading: NO_READING,
      memory: asked({}),
      signals: [],
    });
    expect(topic.intent).toBe("human_request");
  });

  it("leaves that reading out when the message asks whether it is a bot", () => {
    const topic = topicOf({
      classified: { intent: "store_info", confidence: 0.6, asksForPerson: true },
      reading: { ...NO_READING, asksIfBot: true },
      memory: asked({}),
      signals: [],
    });
    expect(topic.intent).toBe("store_info");
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

  it.each([
    ["the one from last week, 63077", "SG"],
    ["yg kemarin kak 63077", "ID"],
    ["지난주에 주문한 거 63077", "KR"],
    ["order 63077 from last week", "SG"],
  ])(
    "reads an order number with a few words around it as the answer to 'which order?': %s",
    (text, region) => {
      const memory = asked({ awaiting: "order_number", pendingIntent: "refund_return" });
      const extracted = extractEntities(text, region);
      const answer = orderNumberAskedFor(text, extracted, memory);
      const entities = answer ? { ...extracted, orderNames: [answer] } : extracted;
      expect(entities.orderNames).toEqual(["#63077"]);
      expect(readMessage(text, entities, memory).answers).toBe("order_number");
    },
  );

  it("reads a number as an order number only when we asked which order, and not in a message that says more", () => {
    const text = "the one from last week, 63077";
    expect(orderNumberAskedFor(text, extractEntities(text, "SG"), asked({}))).toBeNull();
    const long = "63077 arrived yesterday but the zip on the jacket broke and the sleeve is torn too";
    const memory = asked({ awaiting: "order_number" });
    expect(orderNumberAskedFor(long, extractEntities(long, "SG"), memory)).toBeNull();
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

  it.each([
    ["try this one 9123 4567", "SG"],
    ["my number is +65 9123 4567, pls check fast", "SG"],
    ["I used my work email I think, j.tan@example.sg", "SG"],
  ])(
    "reads a contact with a few words around it (%s) as the answer to the checkout contact we asked for",
    (text, region) => {
      const memory = asked({ awaiting: "checkout_contact", pendingIntent: "order_status" });
      expect(read(text, memory, region).answers).toBe("checkout_contact");
    },
  );

  it("reads a contact inside a message of its own as no answer", () => {
    const memory = asked({ awaiting: "checkout_contact", pendingIntent: "order_status" });
    const text = "my phone is 9123 4567 but the parcel came broken and the box was wet, I want to return it";
    expect(read(text, memory, "SG").answers).toBeNull();
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
    ["actually, leave the order", "no"],
    ["जी हाँ, रद्द कर दीजिए", "yes"],
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

describe("answers to our own questions, in the forms shoppers write them", () => {
  it.each([
    ["yes, go ahead and cancel it", "yes"],
    ["ok la, proceed", "yes"],
    ["iya kak, batalin aja", "yes"],
    ["ได้เลยครับ ยกเลิกได้", "yes"],
    ["ừ, hủy giúp mình nhé", "yes"],
    ["ㅇㅇ 취소해 주세요", "yes"],
    ["はい、キャンセルでお願いします", "yes"],
    ["haan ji, kar dijiye", "yes"],
    ["sige po, i-cancel mo na", "yes"],
    ["嗯嗯，取消吧", "yes"],
    ["nah, keep the order", "no"],
    ["jangan dibatalin dulu kak", "no"],
    ["tak payah la", "no"],
    ["wag na po, salamat", "no"],
    ["先不要取消了", "no"],
    ["唔好住，唔該", "no"],
    ["キャンセルはしないでください", "no"],
    ["ㄴㄴ 그냥 둘게요", "no"],
    ["अभी मत करो", null],
    ["mat karo cancel", "no"],
    ["đừng hủy nha shop", "no"],
    // The action said again in Hindi's other spelling and polite register, Vietnamese without diacritics.
    ["जी हाँ, ऑर्डर कैंसिल कर दीजिए", "yes"],
    ["नहीं जी, कैंसिल मत कीजिए", "no"],
    ["ko a, giu don giup minh voi", "no"],
    ["dạ không, giữ đơn giúp em nhé", "no"],
    ["ok e, huy giup e nhe", "yes"],
    // A yes said as a confirmation; a no said as what the shopper will do instead, or why there is no need.
    ["confirm", "yes"],
    ["actually no, I'll wait for it", "no"],
    ["no need, it just arrived", "no"],
    ["ไม่ต้องค่ะ เดี๋ยวรอได้", "no"],
    ["không cần đâu, để mình đợi", "no"],
    ["いいえ、待ちます", "no"],
    ["takpe la sy tunggu je", "no"],
    ["nahi rehne do, main wait kar lunga", "no"],
    ["넹", "yes"],
    ["好，幫我取消", "yes"],
    ["好的，帮我取消吧", "yes"],
    ["ไม่ยกเลิกค่ะ", "no"],
    ["네네 취소 부탁드려요", "yes"],
    ["うーん、やっぱりいいです", "no"],
  ])("reads %s as %s", (text, answer) => {
    expect(readYesNo(text)).toBe(answer);
  });

  it("takes the last answer given: an ok, then don't, is a no", () => {
    expect(readYesNo("ok, don't cancel")).toBe("no");
    expect(readYesNo("no wait, yes go ahead")).toBe("yes");
  });

  it("reads no answer in a reply that raises something else", () => {
    expect(readYesNo("no, but where is my refund?")).toBeNull();
    expect(readYesNo("ya, tapi alamatnya salah kak")).toBeNull();
  });

  it.each([
    ["dạ 71234 ạ", "VN"],
    ["40512 นะคะ", "TH"],
    ["61001번이에요", "KR"],
    ["itu 55123 kak", "ID"],
    ["えーと、70345だと思います", "JP"],
  ])("reads a number given alone (%s) as the order number we asked for", (text, region) => {
    const entities = extractEntities(text, region);
    expect(entities.orderNames).toHaveLength(1);
    expect(readMessage(text, entities, asked({ awaiting: "order_number" })).answers).toBe("order_number");
  });

  it("does not take a number in a message that says more, nor a phone number, for an order number", () => {
    expect(extractEntities("I want 2000 pcs, what is the price?", "SG").orderNames).toEqual([]);
    expect(extractEntities("9123 4567", "SG").orderNames).toEqual([]);
    expect(extractEntities("9123 4567", "SG").phones).toEqual(["+6591234567"]);
  });

  it("reads question marks alone as a ping and a thumbs-up as thanks, when the classifier reads nothing", () => {
    const unknown = { intent: "unknown" as const, confidence: 0 };
    const topic = (text: string) =>
      topicOf({ classified: unknown, reading: read(text, asked({})), memory: asked({}), signals: [] }).intent;
    expect(topic("???")).toBe("greeting");
    expect(topic("🙏🏽")).toBe("thanks");
    expect(topic("😡")).toBe("unknown");
  });

  it("reads a question whether it is a bot as a question about the store, not a request for a person", () => {
    const reading = read("ini bot atau manusia?", asked({}));
    const classified = { intent: "human_request" as const, confidence: 0.6 };
    expect(topicOf({ classified, reading, memory: asked({}), signals: [] }).intent).toBe("store_info");
  });

  it("keeps a sensitive topic in an angry message, and reads an angry 'where is my order' as a late one", () => {
    const memory = asked({});
    const reading = read("plain text", memory);
    const angry = (intent: "sensitive_fraud" | "order_status") =>
      topicOf({ classified: { intent, confidence: 0.8 }, reading, memory, signals: ["frustration"] }).intent;
    expect(angry("sensitive_fraud")).toBe("sensitive_fraud");
    expect(angry("order_status")).toBe("delivery_delay");
  });
});

describe("a refusal that names what not to do is still a no", () => {
  it.each([
    ["नहीं, कैंसल मत करो", "IN"],
    ["ko, giu lai don", "VN"],
  ])("reads %s as no to a cancellation", (text, region) => {
    expect(read(text, asked({ awaiting: "confirmation", pendingIntent: "cancel_order" }), region).yesNo).toBe(
      "no",
    );
  });
});

describe("Hindi and Vietnamese replies in chat spelling", () => {
  it.each([
    // "theek h" and "accha" agree; keeping the order ("rakhna hai") or still taking it ("vẫn lấy") declines.
    ["ok theek h, cancel kr do", "yes"],
    ["accha ji, kar dijiye", "yes"],
    ["nahi ji, order rakhna hai", "no"],
    ["नहीं, मुझे ये ऑर्डर रखना है", "no"],
    ["rehne do bhai, rakhunga", "no"],
    // Teencode "lun" for "luôn", "nữa" after a refusal.
    ["ok hủy lun giúp e", "yes"],
    ["ko hủy nữa nha shop", "no"],
    ["dạ không, em vẫn lấy ạ", "no"],
    // "No need" is a no.
    ["thôi ko cần đâu shop", "no"],
  ])("reads %s as %s", (text, answer) => {
    expect(readYesNo(text)).toBe(answer);
  });

  it("reads a Vietnamese tone mark on either vowel of 'uy' or 'oa' the same ('huỷ' as 'hủy')", () => {
    expect(readYesNo("ừ huỷ đi")).toBe("yes");
    expect(readYesNo("HUỶ ĐI")).toBe("yes");
  });

  it("reads an order number introduced without diacritics ('ma don la') as the order number we asked for", () => {
    const text = "ma don la 48213 nha";
    const entities = extractEntities(text, "VN");
    expect(entities.orderNames).toEqual(["#48213"]);
    expect(readMessage(text, entities, asked({ awaiting: "order_number" })).answers).toBe("order_number");
  });
});
