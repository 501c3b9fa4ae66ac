import { describe, expect, it } from "vitest";
import { detectSignals, frustrationScore } from "../../functions/domain/signals";

describe("signals read apart from the topic", () => {
  it.each([
    ["words of anger in Indonesian", "Sudah sebulan nunggu, penipu semua kalian"],
    ["words of anger in Korean", "배송이 너무 늦어서 진짜 화가 나요"],
    ["words of anger in Filipino", "Bwisit, dalawang linggo na wala pa rin yung parcel"],
    ["words of anger in Chinese", "你们就是骗子，东西到现在都没发"],
    ["words of anger in Japanese", "いつまで待たせるんですか、ふざけないでください"],
    ["words of anger in Hindi", "bilkul bakwas service hai aapki"],
    ["angry emoji alone", "😡😡😡"],
    ["shouting with exclamation marks", "WHERE IS MY PARCEL!!!"],
    ["a whole sentence shouted", "WHY HAS NOBODY SENT MY ORDER YET"],
    ["having to ask again, in English", "This is the third time I am asking about my refund"],
    ["having to ask again, in Indonesian", "udah berkali-kali nanya soal paket ini"],
    ["having to ask again, in Korean", "이거 몇 번째 문의인지 모르겠네요"],
    ["having to ask again, in Chinese", "我又问一遍，退款呢"],
    ["having to ask again, in Japanese", "何度も問い合わせているのですが"],
  ])("reads frustration from %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });

  it.each([
    ["a happy thank-you with exclamation marks", "Thank you so much!!!"],
    ["a calm question about a late parcel", "Kak, paketku sudah seminggu belum sampai, kira-kira kapan ya?"],
    ["an acronym in capitals", "Can I pay by COD for order #1001?"],
    ["a Korean weather chat", "오늘 날씨 진짜 덥네요"],
  ])("reads no frustration in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("frustration");
  });

  it("scores punctuation alone below anger: one point each, a word two", () => {
    expect(frustrationScore("ok!!!")).toBe(1);
    expect(frustrationScore("kesel!!!")).toBe(3);
  });

  it.each([
    ["pregnancy", "I'm 4 months pregnant, can I use this body oil?", "sensitive_health_safety"],
    ["a child's safety", "Are the small parts safe for kids under three?", "sensitive_health_safety"],
    ["an allergy, in Vietnamese", "Con mình bị dị ứng sau khi dùng sữa tắm này", "sensitive_health_safety"],
    ["a fire, in Japanese", "充電中に発火しました", "sensitive_health_safety"],
    ["a lawyer, in Thai", "จะให้ทนายติดต่อไปนะคะ", "sensitive_legal"],
    [
      "a stolen card, in English",
      "Someone used my stolen card on your shop, I want a chargeback",
      "sensitive_fraud",
    ],
    ["personal data, in Indonesian", "Tolong hapus data pribadi saya dari toko ini", "sensitive_privacy"],
  ])("reads a sensitive matter: %s", (_what, text, signal) => {
    expect(detectSignals(text)).toContain(signal);
  });

  it.each([
    ["an email given as an answer", "my email is linh@example.vn"],
    ["an Indonesian phone given as an answer", "nomor HP saya 0812-9876-5432 kak"],
    ["a Vietnamese phone given as an answer", "sđt của em là 0901234567"],
  ])("does not take %s for a privacy matter", (_what, text) => {
    expect(detectSignals(text)).toEqual([]);
  });

  it.each([
    ["English", "Please let me talk to a real person"],
    ["Thai", "ขอคุยกับพนักงานหน่อยค่ะ"],
    ["Chinese", "帮我转人工"],
    ["Korean", "상담원 연결해 주세요"],
  ])("reads a request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it("does not take a shopper addressing the seller as 'admin' for a request for a person", () => {
    expect(detectSignals("Admin, pesanan saya sudah dikirim belum?")).not.toContain("person");
  });
});

describe("frustration, by the kinds of signs shoppers give", () => {
  it.each([
    ["slowness and a broken promise, in English", "so slow, you said it would come today and nothing"],
    ["slowness sworn at, in Indonesian", "kurir kalian lemot sumpah, dari senin nggak gerak"],
    ["slowness and a broken promise, in Japanese", "遅すぎ。昨日届くって言ってたのに"],
    ["slowness and a broken promise, in Chinese", "你们发货太慢了，说好的三天呢"],
    ["sarcasm: praise, a clap and a slow reply", "wow, finally a reply after 4 days 👏"],
    ["sarcasm in Thai", "ขอบคุณที่เพิ่งตอบนะคะ ผ่านไปห้าวัน 👏"],
    ["a review threat, in English", "keep ignoring me and I'm giving this shop one star"],
    ["a review threat, in Indonesian", "kasih bintang satu aja deh kalo gini"],
    ["a review threat, in Korean", "별점 1점 드릴게요"],
    ["a review threat, in Chinese", "再不处理就给差评"],
    ["an insult to the bot, in Vietnamese", "con bot này ngu quá trời"],
    ["an insult to the bot, in Thai", "บอทนี่โง่จริงๆ"],
    ["the fourth time asking, in English", "this is the 4th time I message you about the same box"],
    ["the fourth time asking, in Malay", "kali ke-4 saya tanya pasal parcel ni"],
    ["the fourth time asking, in Thai", "ถามรอบที่ 4 แล้วค่ะ"],
    ["the fourth time asking, in Korean", "4번째 문의드립니다"],
    ["nobody answering, in Filipino", "kanina pa ako nagtatanong, walang sumasagot"],
    ["a rolled eye", "sure, 'processing' for two weeks 🙄"],
    ["two half-signs: '??' and a demand for now", "why was I charged twice?? refund me immediately"],
    ["two half-signs in Malay", "kenapa kena caj dua kali?? pulangkan duit sekarang juga"],
    ["a shouted phrase of three words beside calm ones", "PLEASE CANCEL IT, nobody ships anything here"],
    ["a lousy-quality insult in Hong Kong Cantonese", "啲質素差到爆"],
    ["wasted money, in Korean", "이 가격에 이 품질이면 돈 아까워요"],
  ])("reads frustration from %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });

  it.each([
    ["a single half-sign: a happy exclamation", "got it, thank you!!"],
    ["a single half-sign: '??' in a question", "how much is shipping to Penang??"],
    ["a calm question about a long cable", "is the cable too long for a small desk?"],
    ["Malay 'no need' that Indonesian would read as 'lame'", "tak payah cancel, saya tunggu"],
    ["a damp box in Malay", "kotak agak lembab sikit tapi barang ok"],
    ["Malay 'policy' that Indonesian would read as 'police'", "nak tanya polisi tukar saiz"],
    ["Korean 'before buying' that reads like 'fraud'", "사기 전에 사이즈 여쭤봐요"],
    ["a calm late parcel", "ordered 12 days ago and it still has not arrived, any news?"],
    ["slowness alone, said calmly", "my order is 10 days late, so slow leh"],
    ["slowness alone, in Thai", "ส่งช้ามากเลยค่ะ ตอนนี้ของอยู่ไหน"],
    ["an acronym pair", "COD OK for order 3321?"],
  ])("reads no frustration in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("frustration");
  });
});

describe("a request for a person, in every way shoppers ask", () => {
  it.each([
    ["a supervisor, in English", "let me speak with your supervisor please"],
    ["a superior, in Indonesian", "bisa sambungkan ke atasan kamu?"],
    ["a manager, in Vietnamese", "cho tôi gặp quản lý cửa hàng"],
    ["the shop manager, in Japanese", "店長と話させてください"],
    ["a manager, in Korean", "매니저 연결해 주세요"],
    ["a manager, in Chinese", "叫你们经理过来"],
    ["a call back, in English", "please call me back on 9876 5432"],
    ["a call back, in Filipino", "pakitawagan po ako mamaya"],
    ["a call back, in Thai", "รบกวนโทรกลับหาฉันหน่อยค่ะ"],
    ["a call back, in Vietnamese", "có thể gọi lại cho mình không"],
    ["a call, in Chinese", "请给我打电话"],
    ["a call back, in Japanese", "折り返しお電話ください"],
    ["turning the bot away, in English", "no more bot please, I need real help"],
    ["turning the bot away, in Malay", "stop bot ni, saya nak cakap dengan orang"],
    ["turning the bot away, in Korean", "자동응답 말고요"],
    ["turning the bot away, in Chinese", "不要自动回复了"],
    ["turning the bot away, in Hinglish", "bot nahi chahiye yaar"],
    ["staff, in Hinglish", "kisi staff se baat karwa do"],
    ["an admin, in Taglish", "pa-connect po ako sa admin"],
    ["a supervisor, in Filipino", "kausapin ko po yung supervisor nyo"],
    ["someone else, in Cantonese", "換個人嚟同我講"],
  ])("reads a request for %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["a question whether it is a bot", "is this a bot or a real person?"],
    ["a question whether it is a bot, in Indonesian", "ini bot atau orang asli?"],
    ["a question whether it is a bot, in Vietnamese", "đây là bot hay người thật thế"],
    ["'admin' as a form of address before a request", "admin, can I get the blue one in size L?"],
    ["'admin' at the end of a question", "bila nak pos barang saya, admin?"],
    ["thanks to the admin, in Thai", "ขอบคุณแอดมินค่ะ"],
    ["a refused call", "don't call me again, remove my number"],
    ["when customer service opens", "what time does your customer service open?"],
    ["a phone number given", "nomor telepon saya 0812 3456 7890"],
    ["a data protection officer asked after", "你们的数据保护负责人是谁"],
    ["an identity check, in Japanese", "本人確認をお願いします"],
    ["an authority reported to, in Chinese", "我要向主管机关举报"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });

  it("reads a request for a person after a question whether it is a bot", () => {
    expect(detectSignals("are you a bot? I want to talk to a human")).toContain("person");
  });

  it("reads a one-time code asked for by someone claiming to be staff as fraud, not as a request", () => {
    const signals = detectSignals("someone claiming to be your staff messaged me asking for OTP");
    expect(signals).toContain("sensitive_fraud");
    expect(signals).not.toContain("person");
  });
});
