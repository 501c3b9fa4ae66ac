import { describe, expect, it } from "vitest";
import { isMainlyDetails } from "../../functions/domain/dialogue";
import { extractEntities } from "../../functions/domain/extract";
import { asksIfBot, detectSignals, frustrationScore } from "../../functions/domain/signals";

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
    [
      "why the shop needs a phone number, in Vietnamese chat",
      "sao phải cho sđt vậy shop?",
      "sensitive_privacy",
    ],
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
    [
      "weeks of waiting and a stressed 'STILL'",
      "three weeks after you promised a refund and I STILL have nothing",
    ],
    [
      "weeks of waiting and a stressed 'MASIH', in Indonesian",
      "udah 2 minggu dan paketnya MASIH belum nyampe",
    ],
    ["a stressed 'AGAIN' and '??'", "you sent the wrong colour AGAIN??"],
    ["giving up on having ordered, in Hinglish", "shaadi ke liye chahiye tha, ab order karne ka kya fayda"],
    ["a one-star review spelt out, in Thai", "แบบนี้ให้หนึ่งดาวนะคะ"],
    ["fed up with waiting, in Thai", "รอจนเบื่อแล้วค่ะ ของยังไม่มา"],
    ["'slow to bursting', in Traditional Chinese", "出貨慢到爆"],
    ["'slow to bursting', in Simplified Chinese", "发货慢得要死"],
    ["'a service or a joke?', in Vietnamese", "shop bán hàng hay trò đùa vậy"],
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
    ["a stressed word alone, calmly", "I STILL have not received it, could you check?"],
    ["a courier's acronym beside weeks of waiting", "it has been two weeks with JNT, any update?"],
    ["a question about what a product is good for, in Hinglish", "is serum ka kya fayda hai dry skin pe?"],
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
    ["a staff member to do it, in Korean", "옵션 잘못 골랐어요 직원분이 수정해 주실 수 있나요?"],
    ["a live person, in Malay", "ada orang live tak? sy nak tanya pasal refund"],
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
    ["the audience of a live stream, in Malay", "bila nak buat live lagi? org live ramai tadi"],
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

describe("Korean and Traditional Chinese (Taiwan, Hong Kong) as shoppers write them", () => {
  it.each([
    ["Korean swearing in initials", "ㅅㅂ 택배 언제 와"],
    ["a Korean frown typed alone", "ㅡㅡ"],
    ["Korean contempt for the seller", "완전 양아치네요 이런 데서 사다니"],
    ["Korean exasperation", "아 진짜 답답하네 답장 좀 해요"],
    ["Korean sarcasm at a slow reply", "답장 3일 만에 오네요 대단하십니다 👏"],
    ["Taiwanese swearing", "靠北 到底何時出貨"],
    ["Taiwanese disbelief", "太扯了吧 兩個禮拜還沒寄"],
    ["being left on read, in Taiwan", "已讀不回是怎樣"],
    ["the third time asking, counted in Chinese", "我已經問了3次了"],
    ["Hong Kong disbelief", "有冇搞錯呀 等咗成個月"],
  ])("reads frustration from %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });

  it.each([
    ["a Korean 'phone or' that holds the letters of 'angry'", "전화나 카톡으로 연락 주세요"],
    ["a Korean 'after a long time' that holds the letters of 'after N days'", "오랜만에 주문했어요!!"],
    ["a Korean collar that feels tight", "목 부분이 답답한가요?"],
    ["a Taiwanese 'hurry up' alone", "快點出貨好嗎"],
  ])("reads no frustration in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("frustration");
  });

  it.each([
    ["breastfeeding, in Korean", "수유 중인데 먹어도 되나요?", "sensitive_health_safety"],
    ["a child who swallowed a part, in Korean", "애가 부품을 삼켰어요", "sensitive_health_safety"],
    ["smoke from a charger, in Korean", "충전기에서 연기가 나요", "sensitive_health_safety"],
    ["breastfeeding, in Taiwan", "餵奶期間可以吃嗎", "sensitive_health_safety"],
    ["a child who ate it, in Hong Kong", "細路誤食咗點算", "sensitive_health_safety"],
    ["a rash, in Taiwan", "擦完起疹子", "sensitive_health_safety"],
    ["a complaint filed with the police, in Korean", "고소장 접수하겠습니다", "sensitive_legal"],
    ["legal action, in Korean", "법적 대응하겠습니다", "sensitive_legal"],
    ["a lawsuit, in Taiwan", "我要提告", "sensitive_legal"],
    ["a police report, in Hong Kong", "去差館報案", "sensitive_legal"],
    ["a charge never made, in Korean", "결제한 적이 없는데 돈이 빠져나갔어요", "sensitive_fraud"],
    ["phishing, in Korean", "피싱 문자 받았어요", "sensitive_fraud"],
    [
      "a fake agent asking to cancel instalments, in Taiwan",
      "有人假冒客服叫我去ATM解除分期",
      "sensitive_fraud",
    ],
    ["a hacked account, in Taiwan", "帳號被駭了", "sensitive_fraud"],
    ["how the shop got a number, in Korean", "제 번호 어디서 알았어요?", "sensitive_privacy"],
    ["personal data by its Taiwanese short name, in Taiwan", "請停止使用我的個資", "sensitive_privacy"],
  ])("reads a sensitive matter: %s", (_what, text, signal) => {
    expect(detectSignals(text)).toContain(signal);
  });

  it.each([
    ["a Korean nursing cushion", "수유쿠션 사이즈 있나요?"],
    ["Korean gift vouchers, which hold the letters of 'burn'", "문화상품권 결제 돼요?"],
    ["a Korean nutty taste, which reads like 'sue'", "이 참기름 고소해요?"],
    ["a Korean statutory holiday, which reads like 'court'", "법정 공휴일에도 영업해요?"],
    ["a Korean taste that is addictive", "중독성 있는 맛이에요?"],
    ["a Taiwanese third-party payment", "可以用第三方支付嗎"],
    ["a Taiwanese fishing rod", "釣魚竿有幾長"],
  ])("reads no sensitive matter in %s", (_what, text) => {
    expect(detectSignals(text).filter((s) => s.startsWith("sensitive_"))).toEqual([]);
  });

  it.each([
    ["a Korean CS team", "CS팀 연결해 주세요"],
    ["a Korean one-to-one consultation", "1:1 상담으로 연결해 주세요"],
    ["Korean automatic answers turned away", "자동 답변 말고 직원분이요"],
    ["a Korean AI turned away", "AI 말고 직원이요"],
    ["a Korean manager told to come out", "책임자 나오라고 하세요"],
    ["a Korean call back", "콜백 부탁드려요"],
    ["a Korean real person", "진짜 사람 있어요?"],
    ["a real person, with a full-width exclamation mark", "真人！"],
    ["Hong Kong staff, in English within Cantonese", "搵staff同我傾"],
    ["a Taiwanese supervisor", "請主管處理"],
    ["a Hong Kong call back", "可唔可以打電話俾我"],
    ["a Taiwanese real person", "有真人可以回嗎"],
    ["whether someone in charge is there, in Korean", "담당자 있으면 연락 주세요"],
    ["a call or a chat on KakaoTalk, in Korean", "전화나 카톡으로 연락 주세요"],
    ["the Taiwanese page admin in person", "可以找小編本人嗎"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["a Korean parcel recipient", "받는 사람 연락처 바꿔주세요"],
    ["a Korean question whether a person answers", "지금 사람이 답하는 거예요?"],
    ["Taiwanese photos of the item worn", "有真人實拍嗎"],
    ["a Taiwanese question whether a person answers", "現在是真人在回嗎"],
    ["an authority reported to, in Traditional Chinese", "我要向主管機關檢舉"],
    ["the Taiwanese page admin addressed", "小編在嗎"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });
});

describe("Filipino, Indonesian and Malay shoppers, in their own words", () => {
  it.each([
    ["swearing, in Filipino", "tangina, dalawang linggo na wala pa rin"],
    ["irritation, in Filipino", "nakakaasar na kayo, mali na naman padala"],
    ["being left on read, in Filipino", "naka-seen lang kayo, wala man lang sagot"],
    ["the second time asking, in Filipino", "pangalawang beses ko na to tinatanong"],
    ["a false promise and slowness, in Filipino", "paasa kayo, antagal"],
    ["irritation, in Indonesian", "ngeselin bgt tokonya"],
    ["'disappointing', in Indonesian", "pelayanannya mengecewakan"],
    ["being ignored, in Indonesian", "chat saya cuma diread doang"],
    ["a demand to hurry and slowness, in Indonesian", "buruan dong, lama amat"],
    ["disgust, in Malay", "meluat betul dengan kedai ni"],
    ["rudeness named, in Malay", "admin kurang ajar"],
    ["being left on read, in Malay", "bluetick je dari semalam"],
    ["a demand to hurry and delays, in Malay", "cepat sikit la, asyik tangguh"],
    ["how many times already, in Filipino", "ilang beses ko na sinabi, mali ang size"],
    ["'grabe' said of the shop, in Filipino", "grabe naman kayo"],
    ["an insult, in Indonesian", "anjing lu, barang rusak dikirim"],
  ])("reads frustration from %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });

  it.each([
    ["a polite request to hurry, in Filipino", "pwede po pakibilisan yung shipping? kailangan ko sa Sabado"],
    ["a polite request to hurry, in Malay", "cepat sikit boleh sampai? nak guna Sabtu"],
    ["a friendly 'hurry', in Indonesian", "kak buruan dikirim ya, ditunggu 🙏"],
    ["a rubbish bin asked about, in Indonesian", "kak ada tempat sampah ukuran besar?"],
    ["'how many times' asked of a policy, in Filipino", "ilang beses po pwede mag-exchange?"],
    ["'grabe' said of the weather, in Filipino", "grabe ang init ngayon, uulan kaya?"],
    ["dog food asked about, in Indonesian", "kak ada makanan anjing ukuran 5 kg?"],
  ])("reads no frustration in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("frustration");
  });

  it.each([
    ["a call back, in Taglish", "tawagan niyo na lang po ako"],
    ["a transfer, in Taglish", "pa-transfer po sa agent"],
    ["an escalation, in Taglish", "i-escalate niyo na po sa manager"],
    ["tiredness of the bot, in Filipino", "sawa na ako sa bot"],
    ["a call asked for, in Indonesian", "bisa minta ditelpon cs?"],
    ["a connection, in Indonesian", "konek ke admin dong"],
    ["boredom with the bot, in Indonesian", "bosen sama bot"],
    ["customer service in a word, in Malay", "nak cs"],
    ["staff asked to be given, in Malay", "penat layan bot, bagi staff je la"],
  ])("reads a request for a person from %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["a product bought for a parent, in Malay", "nak beli untuk orang tua saya, saiz apa sesuai?"],
    ["a gift for someone, in Malay", "nak bagi hadiah kat orang tua, ada gift wrap?"],
    ["help already given, in Indonesian", "tadi udah dibantu admin, makasih"],
    ["a payment to the owner's account, in Indonesian", "udah transfer ke rekening owner ya kak"],
    ["calls complained about, in Malay", "kenapa asyik call saya? saya tak order apa-apa"],
    ["a receipt given to the admin, in Malay", "dah bagi admin resit bayaran semalam"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });

  it.each([
    ["pregnancy slang, in Indonesian", "kak aman buat bumil?", "sensitive_health_safety"],
    ["breastfeeding, in Filipino", "nagpapadede po ako, safe po ba inumin?", "sensitive_health_safety"],
    ["a young child, in Filipino", "safe po ba sa bata na 2 years old?", "sensitive_health_safety"],
    ["confinement after birth, in Malay", "boleh pakai masa pantang?", "sensitive_health_safety"],
    ["vomiting, in Indonesian", "anak saya muntah2 abis minum ini", "sensitive_health_safety"],
    ["diabetes, in Malay", "ada kencing manis, boleh minum?", "sensitive_health_safety"],
    ["smoke and flames, in Filipino", "umusok at nagliyab yung extension", "sensitive_health_safety"],
    ["a threat to go to a TV complaints show, in Filipino", "ipapa-Tulfo ko kayo", "sensitive_legal"],
    ["a police station, in Indonesian", "saya laporin ke polres", "sensitive_legal"],
    ["a police report, in Malay", "saya buat report polis", "sensitive_legal"],
    ["a swindle, in Filipino", "panloloko to, bato ang laman ng kahon", "sensitive_fraud"],
    ["being cheated, in Indonesian", "saya ketipu, barangnya batu", "sensitive_fraud"],
    [
      "a one-time code asked for, in Filipino",
      "hiningan ako ng OTP ng nagpakilalang admin",
      "sensitive_fraud",
    ],
    ["a fake received, in Malay", "dapat barang palsu", "sensitive_fraud"],
    ["where my number came from, in Filipino", "saan niyo nakuha number ko?", "sensitive_privacy"],
    ["where my number came from, in Indonesian", "dapet nomor saya dari mana?", "sensitive_privacy"],
    ["where my number came from, in Malay", "mana dapat nombor saya?", "sensitive_privacy"],
  ])("reads a sensitive matter: %s", (_what, text, signal) => {
    expect(detectSignals(text)).toContain(signal);
  });

  it.each([
    ["Filipino 'kaso' meaning 'but', not a lawsuit", "gusto ko sana yung blue, kaso mahal"],
    ["a returned item received, in Filipino", "nakuha niyo na po ba yung ibinalik kong item?"],
    ["easy care of a fabric, in Indonesian", "bahannya mudah dirawat ga kak?"],
    ["whether it is genuine, before buying, in Indonesian", "kak ini ori kan bukan palsu?"],
    ["a one-time code that did not arrive, in Malay", "TAC tak masuk, tak boleh bayar"],
    ["details confirmed, in Indonesian", "data saya udah bener kak"],
    ["a phone number given, in Indonesian", "no telpon aku 081234567890"],
  ])("reads nothing sensitive in %s", (_what, text) => {
    expect(detectSignals(text)).toEqual([]);
  });
});

describe("English, Indonesian, Filipino and Malay: every family of asking for a person", () => {
  it.each([
    ["a preference for an agent, in English", "order 5521 shipped? would prefer an agent to confirm"],
    ["an agent named to do the checking, in English", "can an agent check my refund pls"],
    ["the shopper phoning the hotline, in English", "what's ur hotline, i'll just call"],
    ["WhatsApp at a number, in English", "whatsapp me at 8111 2222 pls"],
    ["the one in charge, in English", "put me through to whoever is in charge"],
    ["an escalation asked for, in English", "pls escalate this, nobody is solving it"],
    ["a call at a number, in Indonesian", "bisa telpon aku di 0812-7777-1234 kak?"],
    ["the shopper phoning the call center, in Indonesian", "nomor call center berapa? mau telpon aja"],
    ["a reply written by the admin, not a template, in Indonesian", "bales sendiri dong min"],
    ["templates turned away, in Indonesian", "jgn pake template terus"],
    ["a possessive role word, in Indonesian", "panggilin atasanmu sekarang"],
    ["a chat spelling of 'with', in Indonesian", "mau ngobrol sm managernya"],
    ["customer service asked to check, in Indonesian", "tolong cs cek pesanan saya"],
    ["the shopper phoning the shop, in Filipino", "tatawag na lang po ako, ano number nyo"],
    ["a person to check a payment, in Filipino", "pwede bang staff mag-check ng bayad ko?"],
    ["a connection to the boss, in Filipino", "pakonekta po sa boss nyo"],
    ["the shopper phoning the shop, in Malay", "saya nak call terus, nombor hotline ada?"],
    ["a call at a number, in Malay", "boleh telefon saya di 012-999 1111"],
    ["a supervisor in Malay, in a connection", "tolong sambungkan dengan penyelia"],
    ["the shop's boss, in Malay", "nak borak dgn boss kedai"],
  ])("reads a request for a person from %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["a preferred colour, in English", "I'd rather have the navy one"],
    ["a courier's call, in English", "the rider called me just now, ok already"],
    ["the hotline's hours, in English", "what are your hotline hours on Sunday?"],
    ["a customs officer, in English", "the customs officer said my parcel is cleared"],
    ["a courier who phoned, in Indonesian", "kurirnya telpon aku tadi, udah diterima"],
    ["a payment to the account holder, in Indonesian", "udah transfer ke pemilik rekening kak"],
    ["reply hours asked, in Indonesian", "admin biasanya bales jam berapa ya?"],
    ["a rider who phoned, in Filipino", "tumawag po yung rider kanina, ok na"],
    ["reply hours asked, in Filipino", "anong oras po nagrereply ang admin?"],
    ["a rider who called, in Malay", "rider dah call saya tadi, terima kasih"],
    ["reply hours asked, in Malay", "staff balas pukul berapa ye?"],
    ["a question about the bot, in Malay", "ni bot ke orang?"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });
});

describe("Japanese, Thai and Simplified Chinese shoppers, in their own words", () => {
  it.each([
    ["contempt for the service, in Japanese", "ゴミみたいな対応ですね"],
    ["being fed up, in Japanese", "もううんざりです"],
    ["being left on read, in Japanese", "既読無視されてるんですけど"],
    ["having to say it again, in Japanese", "何回言えばわかるんですか"],
    ["'until when' and a demand to hurry, in Japanese", "いつまで待たせるの、早くして"],
    ["a useless shop, in Thai", "ร้านไม่ได้เรื่องเลย"],
    ["hurt feelings, in Thai", "เสียความรู้สึกมากค่ะ"],
    ["being read and ignored, in Thai", "อ่านแล้วไม่ตอบ"],
    ["being cheated, in Chinese slang", "坑爹啊这家店"],
    ["'what the hell', in Chinese", "这是什么鬼东西"],
    ["being left on read, in Chinese", "已读不回是吧"],
  ])("reads frustration from %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });

  it.each([
    ["a hypothetical 'if not satisfied', in Thai", "ถ้าไม่พอใจคืนเงินได้ไหมครับ"],
    ["Japanese rubbish bags", "ゴミ袋の在庫ありますか"],
    ["clothes received, in Chinese (which hold the letters of 'fed up with')", "收到衣服了，谢谢"],
  ])("reads no frustration in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("frustration");
  });

  it.each([
    ["smoke from a plug, in Japanese", "コンセントから煙が出ました", "sensitive_health_safety"],
    ["hives, in Japanese", "使用後にじんましんが出ました", "sensitive_health_safety"],
    ["a chronic illness, in Japanese", "持病があるんですが飲んでも大丈夫ですか", "sensitive_health_safety"],
    ["diarrhoea, in Thai", "กินแล้วท้องเสียค่ะ", "sensitive_health_safety"],
    ["sparks from a charger, in Thai", "ที่ชาร์จมีประกายไฟค่ะ", "sensitive_health_safety"],
    ["a toddler's use, in Thai", "เด็กเล็กใช้ได้มั้ยคะ", "sensitive_health_safety"],
    ["a swallowed part, in Chinese", "孩子误吞了一个小零件", "sensitive_health_safety"],
    ["high blood pressure, in Chinese", "高血压能吃吗", "sensitive_health_safety"],
    ["legal action, in Japanese", "法的措置を検討しています", "sensitive_legal"],
    ["a damage report to the police, in Japanese", "被害届を出す予定です", "sensitive_legal"],
    ["prosecution, in Thai", "จะดำเนินคดีค่ะ", "sensitive_legal"],
    ["the consumer hotline, in Thai", "จะแจ้ง 1166 นะคะ", "sensitive_legal"],
    ["the consumer hotline run into the sentence, in Chinese", "打12315投诉你们", "sensitive_legal"],
    ["a report to the authorities, in Chinese", "我要举报你们", "sensitive_legal"],
    ["a fake received, in Japanese", "偽物が届きました", "sensitive_fraud"],
    ["a code asked for by an impostor, in Japanese", "店員を名乗る人に認証コード聞かれた", "sensitive_fraud"],
    ["a fake received, in Thai", "ได้ของปลอมค่ะ", "sensitive_fraud"],
    ["a fake page, in Thai", "มีเพจปลอมใช้ชื่อร้าน", "sensitive_fraud"],
    ["counterfeit goods, in Chinese", "收到的是假货", "sensitive_fraud"],
    ["a charge for nothing bought, in Chinese", "没买东西扣了我的钱", "sensitive_fraud"],
    [
      "a number the shop should not know, in Japanese",
      "なんで私の電話番号知ってるんですか",
      "sensitive_privacy",
    ],
    ["data handed to third parties, in Japanese", "私の情報を第三者に提供しないで", "sensitive_privacy"],
    ["leaked customer data, in Thai", "ข้อมูลลูกค้าหลุดใช่มั้ย", "sensitive_privacy"],
    ["a number the shop should not have, in Thai", "ได้เบอร์หนูมาจากไหนคะ", "sensitive_privacy"],
    ["a phone number to delete, in Chinese", "删掉我的手机号", "sensitive_privacy"],
    ["nuisance calls, in Chinese", "收到很多骚扰电话", "sensitive_privacy"],
  ])("reads a sensitive matter: %s", (_what, text, signal) => {
    expect(detectSignals(text)).toContain(signal);
  });

  it.each([
    ["a dark-brown colour, in Japanese", "焦げ茶色ありますか"],
    ["a refund paid into the account, in Thai", "เงินคืนเข้าบัญชียังคะ"],
    ["an order number that is also a hotline, in Thai", "ออเดอร์ 1166 ส่งยังคะ"],
    ["an anti-mould cream, in Thai", "ครีมกันเชื้อรามีไซส์ใหญ่ไหมคะ"],
    ["a question before buying anything, in Chinese", "我还没买东西，想先问问"],
    ["a fishing rod, in Chinese", "钓鱼竿有货吗"],
    ["a bank card from ICBC, in Chinese", "工商银行的卡能付吗"],
    ["a battery charged to 80%, in Chinese", "充电到80%就停了"],
  ])("reads no sensitive matter in %s", (_what, text) => {
    expect(detectSignals(text).filter((s) => s.startsWith("sensitive_"))).toEqual([]);
  });

  it.each([
    ["a person brought out, in Japanese", "AIはもういいから人を出して"],
    ["a phone call instead of chat, in Japanese", "電話で対応してほしいです"],
    ["customer support asked for directly, in Japanese", "カスタマーサポートにつないでください"],
    ["the shop's people face to face, in Japanese", "店の人と直接話したい"],
    ["an admin who is a person, in Thai", "มีแอดมินที่เป็นคนมั้ยคะ"],
    ["a human, in Thai-English", "ขอ human ค่ะ"],
    ["a talk on the phone, in Thai", "อยากคุยทางโทรศัพท์ค่ะ"],
    ["customer relations contacted, in Thai", "ขอติดต่อฝ่ายลูกค้าสัมพันธ์ค่ะ"],
    ["a talk with a person, in Chinese", "我想跟人说话"],
    ["a human stepping in, in Chinese", "申请人工介入"],
    ["a call asked for, in Chinese", "能给我打个电话吗"],
    ["the shop manager, in Chinese", "找你们店长"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["a question whether a person or AI answers, in Japanese", "人間が返信してます？それともAI？"],
    ["a refused sales call, in Japanese", "勝手に営業電話してこないでください"],
    ["a call the shopper will make to the courier, in Chinese", "我打个电话问问快递"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });
});

describe("Thai, Japanese, Korean and Chinese: a person asked for by verb, channel or honorific, and staff only mentioned", () => {
  it.each([
    ["chatting with an officer, in Thai", "ขอแชทกับเจ้าหน้าที่ได้ไหมคะ"],
    ["a call to talk, in Thai", "ขอเบอร์หน่อยครับ เดี๋ยวโทรไปคุยเอง"],
    ["a call asked for at a number, in Thai", "รบกวนโทรมาที่เบอร์ 082-414-7700 ค่ะ"],
    ["speaking with the shop's manager, in Thai", "ขอพูดกับผู้ดูแลร้านหน่อยครับ"],
    ["an honorific 'put me through', in Japanese", "担当部署の方におつなぎいただけますか"],
    ["someone in charge asked to check, in Japanese", "係の方に確認してもらえますか"],
    ["a wish to talk on the phone, in Japanese", "電話で直接お話ししたいです"],
    ["a consultation with the person in charge, in Korean", "담당자님과 상담 원합니다"],
    ["a polite call asked for, in Korean", "오늘 중으로 전화 주실 수 있을까요?"],
    ["a person asked to check, in Korean", "사람이 확인 좀 해 주세요"],
    ["a wish to call, in Korean", "채팅 말고 직접 통화하고 싶어요"],
    ["calling the shop, in Simplified Chinese", "号码给我，我打电话过去"],
    ["a real person asked to check, in Simplified Chinese", "请真人帮我确认一下"],
    ["staff asked for in Malaysian Chinese", "请staff帮我跟进"],
    ["the bot refused in Malaysian Chinese", "不要bot啦"],
    ["talking directly to the manager, in Traditional Chinese", "直接跟你們經理談比較快"],
    ["calling the shop, in Traditional Chinese", "我打電話過去比較快"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["a question about staff hours, in Traditional Chinese", "客服人員幾點下班？"],
    ["a question about staff at weekends, in Simplified Chinese", "客服人员周末上班吗？"],
    ["thanks passed on to the owner, in Traditional Chinese", "請幫我轉告老闆，謝謝"],
    ["praise for an agent, in Korean", "상담원분이 정말 친절하셨어요"],
    ["a question about agents' hours, in Korean", "상담원 몇 시까지 근무해요?"],
    ["a courier's call, in Korean", "기사님이 전화 주셨어요"],
    ["a currency, in Korean", "결제 통화 원화로 되나요?"],
    ["a courier's call, in Simplified Chinese", "快递员打我电话了，已经签收"],
    ["money sent, in Simplified Chinese", "钱已经打过去了"],
    ["a product for people rather than pets, in Japanese", "人間用のシャンプーですか？"],
    ["the operators' hours, in Japanese", "オペレーターの受付時間を教えてください"],
    ["a kind manager, in Thai", "ผู้จัดการร้านใจดีมากค่ะ"],
    ["the staff's hours, in Thai", "เจ้าหน้าที่ทำงานกี่โมงคะ"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });

  it.each([
    ["a rude pronoun, in Thai", "ของกูส่งยัง"],
    ["an insult to the seller, in Thai", "มึงตอบแชทหน่อยได้ไหม"],
    ["a long wait with exclamation marks, in Thai", "สั่งตั้งแต่ต้นอาทิตย์ ยังไม่ส่งอีก!!"],
    ["being left unanswered, with applause, in Japanese", "5日放置、素敵な対応👏"],
    ["weeks of waiting with question marks, in Japanese", "もう2週間なんですけど？？"],
    ["weeks running with question marks, in Korean", "배송 2주째인데 언제 와요??"],
    ["ironic praise of a reply after days, with applause, in Japanese", "返信はやーい。4日待ちましたけど👏"],
    ["impatient question marks twice over, in Korean", "??? 주문 확인 언제 해줘요???"],
    ["ironic praise of a slow reply with applause, in Thai", "บริการดีมากค่ะ ตอบช้ากว่าไปรษณีย์อีก 👏👏"],
    ["the fourth time asking, in Tagalog", "pang-apat na beses ko na tinatanong to"],
    ["the third time asking, in Indonesian chat", "udah ke-3 kalinya nanya ini"],
    ["no one reading, in Thai", "ทักมาสามวันแล้ว ไม่มีใครอ่านเลย"],
  ])("reads frustration from %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });

  it.each([
    ["a wait stated calmly, in Korean", "배송 3일째인데 언제 도착할까요?"],
    ["a delivery time asked, in Japanese", "5日もかかりますか？"],
    ["one eager question, in Korean", "이거 오늘 주문하면 내일 와요??"],
    ["an order date, in Thai", "สั่งตั้งแต่วันจันทร์ค่ะ ตอนนี้ถึงไหนแล้วคะ"],
    ["Google, in Thai (which holds a rude pronoun's letters)", "ใช้กูเกิลแปลมาค่ะ"],
  ])("reads no frustration in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("frustration");
  });
});

describe("English: the many ways shoppers in Singapore, Malaysia, the Philippines and India say it", () => {
  it.each([
    ["Singlish exasperation", "walao, ordered 2 weeks ago still nothing"],
    ["a swear word", "this shop is shit"],
    ["being ignored", "you guys keep ignoring me"],
    ["being ghosted", "paid already and the seller ghosted me"],
    ["a rude staff member", "your staff was so rude to me on the phone"],
    ["dissatisfaction in formal English", "I am highly dissatisfied with the way my case was handled"],
    ["a rip-off", "total rip off, the item is half the size shown"],
    ["having asked a counted number of times", "asked 3 times about my refund, no answer"],
    ["having to tell again", "I already told you my order number"],
    ["a warning not to buy", "avoid this shop, they never deliver"],
    ["the service called an absolute joke", "your delivery service is an absolute joke"],
    ["the shop called a shambles", "what a shambles, every item in the box was wrong"],
    ["slowness asked about with double question marks", "why is my order taking so long??"],
    ["slowness blamed on 'you people'", "you people are taking so long with my refund"],
  ])("reads frustration from %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });

  it.each([
    ["a bin bag question", "do you sell trash bags in bulk?"],
    ["thanks said again", "thank you once again!!"],
    ["bad traffic", "traffic so bad this morning"],
    ["a calm wait in Indian English", "till now not received, kindly check the status"],
    ["copying an address", "can I copy paste my address here?"],
    ["a regular buyer", "I've bought from you so many times, love your shop"],
    ["a calm question about a slow parcel", "why is my parcel taking so long to arrive?"],
    ["a plain question put to 'you people'", "do you people ship to Sabah?"],
    ["a product named for a nightmare", "do you sell a Nightmare Before Christmas mug?"],
  ])("reads no frustration in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("frustration");
  });

  it.each([
    ["contacting customer service", "How can I contact customer service?"],
    ["contacting customer service, as a keyword", "contact customer service"],
    ["reaching the support team", "how do I reach your support team?"],
    ["human assistance", "I need human assistance with this order"],
    ["getting in touch with the support team", "I need to get in touch with your support team"],
    ["a transfer to an agent", "transfer to agent pls"],
    ["a customer service rep in short", "can I get in touch with a CSR"],
    ["the person in charge", "pass this to the person in charge"],
    ["a human reply in Singlish", "boss, want human reply lah"],
    [
      "a staff member asked to confirm, beside another request",
      "please change the size, and I'd like a staff member to confirm it with me",
    ],
    ["one of the staff asked to get back", "could one of your staff get back to me today?"],
    ["someone from the team asked to check", "can someone from your team check my order 4410?"],
    ["an employee", "I want to talk to an employee"],
    ["the team asked to get back to the shopper", "I need the team to get back to me on this"],
  ])("reads a request for a person from %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["a question whether it is AI", "am I chatting with AI?"],
    ["a question whether it is a bot, in txt-speak", "r u a bot"],
    ["customer service hours", "what are your customer service hours?"],
    ["a call from someone claiming to be staff", "got a call from your staff asking for my card CVV"],
    ["what a member of staff said before", "a member of staff told me it ships on Monday"],
    ["one of the shop's items wanted", "I'd like one of your blue shirts in size M"],
    ["someone of the shopper's own to collect", "can someone from my office collect it?"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });

  it.each([
    ["vomiting", "my son keeps vomiting after eating the biscuits", "sensitive_health_safety"],
    ["hives", "I broke out in hives after the body wash", "sensitive_health_safety"],
    ["a short circuit", "the kettle short-circuited last night", "sensitive_health_safety"],
    ["a fire hazard", "this heater is a fire hazard", "sensitive_health_safety"],
    ["an ombudsman", "I'll take this to the ombudsman", "sensitive_legal"],
    ["a solicitor", "my solicitor will write to you", "sensitive_legal"],
    ["a scam accusation", "this is a scam, no parcel after paying", "sensitive_fraud"],
    ["a counterfeit received", "you sent me a counterfeit watch", "sensitive_fraud"],
    ["an unknown charge", "there's an unknown charge from your shop on my card", "sensitive_fraud"],
    ["a payment outside the platform", "they asked me to pay outside the app", "sensitive_fraud"],
    ["an unsubscribe request", "unsubscribe me from all your promos", "sensitive_privacy"],
    ["a number obtained", "where did you get my number from?", "sensitive_privacy"],
    ["promotions to stop", "stop sending me promos on WhatsApp", "sensitive_privacy"],
  ])("reads a sensitive matter: %s", (_what, text, signal) => {
    expect(detectSignals(text)).toContain(signal);
  });

  it.each([
    ["an authenticity question before buying", "is this one original or copy?"],
    ["a skincare question before buying", "does this cream suit oily skin?"],
    ["a shopper named Sue", "Hi, this is Sue, is my order shipped?"],
    ["a case for a phone", "do you have a case for the iPhone 15?"],
    ["a new buyer", "I never placed an order before, how does COD work?"],
  ])("reads no sensitive matter in %s", (_what, text) => {
    expect(detectSignals(text).filter((s) => s.startsWith("sensitive_"))).toEqual([]);
  });
});

describe("English: a complaint is legal by where it is taken, not by how formally it is made", () => {
  it.each([
    ["a complaint filed with a consumer agency", "I'm going to file a complaint with the consumer agency"],
    ["a complaint already filed with CASE", "I've filed a complaint with CASE about your shop"],
    ["a claim taken to trading standards", "I'll lodge a claim with trading standards"],
    ["a report to the consumer watchdog", "reporting you to the consumer watchdog"],
    ["a complaint to the Better Business Bureau", "filing a complaint with the Better Business Bureau today"],
  ])("reads %s as legal", (_what, text) => {
    expect(detectSignals(text)).toContain("sensitive_legal");
  });

  it.each([
    ["a complaint filed with the shop", "I want to file a complaint about your service"],
    ["consumer claims made to the shop", "where can I file consumer claims about my order?"],
    ["a consumer complaint lodged with the store", "how do I lodge a consumer complaint with your store"],
    ["a claim against the store", "I have a claim against your store"],
    ["a grievance", "I'd like to submit a formal grievance"],
    ["calm dissatisfaction", "I'm not satisfied with your service"],
  ])("reads nothing sensitive in %s", (_what, text) => {
    expect(detectSignals(text)).toEqual([]);
  });
});

describe("English: a court is legal only when the shopper takes someone to one", () => {
  it.each([
    ["taking the shop to court", "refund me or I'm taking you to court"],
    ["seeing the shop in court", "see you in court then"],
    ["a court case", "this will be a court case if you ignore me"],
  ])("reads %s as legal", (_what, text) => {
    expect(detectSignals(text)).toContain("sensitive_legal");
  });

  it.each([
    ["a food court in an address", "can you deliver to the food court at Blk 123 Ang Mo Kio?"],
    ["court shoes", "do you have these court shoes in size 38?"],
    ["a basketball court", "are these shoes ok for the basketball court?"],
  ])("reads nothing sensitive in %s", (_what, text) => {
    expect(detectSignals(text).filter((s) => s.startsWith("sensitive_"))).toEqual([]);
  });
});

describe("English: sending the bot away is a request for a person, not a question about the bot", () => {
  it.each([
    ["enough with the bot", "enough with the bot, put me through to a human"],
    ["skipping the bot", "can I skip the bot please"],
    ["getting rid of the bot", "get rid of this bot, I need help"],
    ["a person rather than the bot", "I'd rather deal with a human rather than a bot"],
  ])("reads %s as asking for a person, not whether it is a bot", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
    expect(asksIfBot(text)).toBe(false);
  });

  it.each([
    ["wanting to call someone", "give me your hotline, I want to call someone"],
    ["asking whether they may call someone", "can I call somebody about this order?"],
  ])("reads %s as asking for a person", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it("reads nothing of a person in a question that only mentions the auto reply", () => {
    expect(detectSignals("other than the auto reply, how do I track my parcel?")).toEqual([]);
  });
});

describe("English: an escalation asked for, or someone senior, is a request for a person", () => {
  it.each([
    ["a complaint to be escalated", "not good enough, I want my complaint escalated"],
    ["an escalation to a supervisor", "please have this escalated to a supervisor"],
    ["someone senior", "can somebody senior look at my case please"],
    ["senior staff", "I'd like senior staff to handle this return"],
  ])("reads %s as asking for a person", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["a senior citizen discount", "do you give a senior citizen discount?"],
    ["a return escalated to the courier", "the seller escalated my return to the courier, any update?"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });
});

describe("Vietnamese shoppers, with and without diacritics", () => {
  it.each([
    ["contempt for the shop's work", "shop làm việc ko chuyên nghiệp chút nào"],
    ["being looked down on", "shop coi thường khách quá vậy"],
    ["a swear word", "đm giao cái gì vậy"],
    ["a threat to expose the shop online", "để e bóc phốt shop này lên group"],
    ["answers given for form's sake", "shop trả lời cho có vậy hả"],
    ["messaging again and again", "nhắn mãi mà shop im re"],
    ["nobody replying, in teencode", "hỏi từ sáng chả ai rep"],
    ["being left on seen", "seen ko rep luôn, hay ghê"],
    ["a warning to everyone", "e sẽ cảnh báo mọi người trong nhóm mua chung"],
    ["telling the whole world", "đăng lên cho cả thế giới biết luôn"],
    ["a bad rating, without diacritics", "de lai danh gia xau cho shop nay"],
    ["a vulgar comparison", "làm ăn như cc"],
    ["being driven mad", "chờ cả tuần điên hết cả người"],
    ["being made a fool of", "shop giỡn mặt khách à"],
    ["too fed up to speak", "chán ko buồn nói luôn"],
    ["'terrible' with an intensifier", "hàng tệ vãi"],
    ["a parcel slow as a snail", "giao chậm như sên vậy trời"],
    ["a sluggish shipper", "shipper lề mề quá đi"],
    ["anger without diacritics", "cho doi 2 tuan, tuc that"],
  ])("reads frustration from %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });

  it.each([
    ["boredom in small talk", "mai đi làm rồi chán ghê"],
    ["'vãi' as praise", "áo đẹp vãi shop ơi"],
    ["a calm late parcel", "đặt 1 tuần rồi chưa thấy hàng, shop xem giúp e"],
    ["a warning label asked about", "máy này có cảnh báo gì khi dùng ko shop"],
  ])("reads no frustration in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("frustration");
  });

  it.each([
    ["the real admin", "cho e gặp ad thật với"],
    ["staff called out to", "nhân viên ơi trả lời e với"],
    ["a refusal to talk to the bot at length", "ko muốn nói chuyện với bot nữa"],
    ["a complaint taken to the manager", "e muốn khiếu nại với quản lý"],
    ["a call asked for, in teencode", "gọi cho e đi, nhắn ko rõ được"],
    ["the person in charge", "cho mình nói chuyện với người phụ trách"],
    ["where the staff are", "nhân viên đâu r"],
    ["the support team connected", "kết nối e với bộ phận hỗ trợ"],
    ["no more chatting with a machine", "ko muốn chat với máy nữa"],
    ["a phone call asked for", "thôi gọi điện cho e luôn đi"],
    ["direct help", "e cần hỗ trợ trực tiếp"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["a shipper who called", "shipper gọi cho e mà e ko nghe máy"],
    ["a greeting to the admin", "ad ơi e hỏi tí"],
    ["a shipper who phoned", "shipper gọi điện cho e mà e bận"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });

  it.each([
    ["'vs' for 'với' in teencode", "cho e nc vs nv"],
    ["the bot refused with 'vs'", "ko muốn nói chuyện vs bot"],
    ["the machine refused in teencode", "k mún chat vs máy nữa"],
    ["a real person asked for with 'ai là'", "có ai là người thật ở đây ko ạ"],
    ["someone, unnamed", "e cần nói chuyện với ai đó bên shop"],
    ["a call back without diacritics, next to an order", "don 5521 sao roi, goi lai cho e nha ad"],
    ["the hotline asked for to phone", "e muốn gọi điện cho shop, số nào ạ"],
    ["customer care's number", "cho e xin sđt cskh"],
    ["advice by phone", "shop gọi điện tư vấn giúp e được ko"],
    ["advice in person", "mình muốn được tư vấn trực tiếp"],
    ["the owner, as 'chị chủ'", "shop ơi cho em gặp chị chủ"],
    ["the southern 'vô' to come and answer", "admin thật vô rep giùm e nha"],
    ["no more talking to the bot", "ko nói chuyện với bot nữa"],
  ])("reads a request for a person in the forms shoppers type: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["someone claiming to be staff", "có người gọi tự xưng là nhân viên shop, xin mã OTP"],
    ["a question who is in charge", "ai là người phụ trách dữ liệu của shop?"],
    ["a question about the manager", "quản lý shop là ai vậy"],
    ["in-store advice asked about", "shop có tư vấn trực tiếp tại cửa hàng ko"],
    ["a shipper met to collect a parcel", "e muốn gặp shipper để lấy hàng"],
    ["a hotline already tried", "e gọi hotline rồi nhưng ko ai nghe"],
    // Store questions about the phone line: what the shop offers, not a person asked for now.
    ["whether the shop advises by phone", "shop có tư vấn qua điện thoại không ạ?"],
    ["the hotline number asked for to order", "cho xin số hotline để gọi đặt hàng với"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });

  it("reads a charge for nothing bought, without diacritics, as fraud", () => {
    expect(detectSignals("tai khoan bi tru 500k ma e ko mua gi ca")).toContain("sensitive_fraud");
  });

  it("reads slowness without diacritics and impatient marks together as frustration", () => {
    expect(detectSignals("ship cham qua, bao gio moi toi???")).toContain("frustration");
  });

  it.each([
    ["asking when stock returns", "bao giờ mới có hàng lại vậy shop"],
    ["a slow parcel shrugged off", "ship chậm quá trời, mà thôi ko sao"],
  ])("reads no frustration in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("frustration");
  });

  it.each([
    ["pregnancy in one word", "bầu dùng được ko shop", "sensitive_health_safety"],
    ["a rash", "bé mặc xong nổi mẩn đỏ khắp lưng", "sensitive_health_safety"],
    ["a smoking charger", "sạc bốc khói có mùi khét", "sensitive_health_safety"],
    ["a medical condition", "người bị tiểu đường uống được ko", "sensitive_health_safety"],
    ["the market authority", "tôi báo quản lý thị trường đó", "sensitive_legal"],
    ["a lawsuit without diacritics", "se kien shop do", "sensitive_legal"],
    ["an order the shopper never placed", "trong tài khoản có đơn ko phải mình đặt", "sensitive_fraud"],
    ["someone claiming to be the shop", "có người tự xưng shop gọi đòi chuyển khoản", "sensitive_fraud"],
    ["a leaked phone number", "sao bị lộ sđt sau khi mua ở shop", "sensitive_privacy"],
    ["data sold on", "shop bán thông tin khách à", "sensitive_privacy"],
  ])("reads a sensitive matter: %s", (_what, text, signal) => {
    expect(detectSignals(text)).toContain(signal);
  });

  it.each([
    ["a double charge (a payment problem, not fraud)", "bị trừ tiền 2 lần cho 1 đơn"],
    ["a building in an address", "giao tới tòa nhà A2 giúp e"],
    ["a laggy phone", "điện thoại bị giật lag, e muốn đổi"],
  ])("reads no sensitive matter in %s", (_what, text) => {
    expect(detectSignals(text).filter((s) => s.startsWith("sensitive_"))).toEqual([]);
  });

  it.each([
    ["a phone number after 'số đt'", "số đt của e 0901234567"],
    ["a name and a phone", "e tên Lan, sđt 0912345678"],
    ["a Zalo number", "zalo mik 0987654321 nhen"],
  ])("reads %s as details, not a topic", (_what, text) => {
    expect(isMainlyDetails(text, extractEntities(text, "VN"))).toBe(true);
  });
});

describe("Hindi shoppers, in Devanagari and Hinglish", () => {
  it.each([
    ["a mind driven mad", "dimag kharab kar diya aap logon ne"],
    ["shame demanded", "sharam karo, aisa saman bhejte ho"],
    ["third-class quality", "quality ekdum third class hai"],
    ["a review threat", "review mein sab likhunga dekhna"],
    ["asking how many times to say it", "kitni baar bolna padega aapko"],
    ["no answer at all", "koi jawab hi nahi deta yahan"],
    ["being left on seen", "seen karke chhod dete ho"],
    ["'enough is enough'", "ek hafte se ghuma rahe ho, bahut ho gaya ab"],
    ["'enough is enough' in Devanagari", "बहुत हो गया, हर बार नया बहाना"],
    ["being worn out by the shop", "aap logon se pak gayi hu main"],
    ["patience run out", "मेरा सब्र ख़त्म हो गया है"],
    ["an idiom for being harassed", "naak mein dum kar diya hai"],
    ["nonsense, spelt with a long vowel", "ye kya bakwaas hai"],
    ["a curse", "bhaad mein jao tum log"],
    ["time wasted", "mera poora time waste kar diya"],
    ["'is this any way'", "ye koi tarika hai customer ke saath?"],
    ["a plea for anyone to answer", "bhai koi toh jawab do"],
    ["a demand with 'or else'", "paise wapas karo warna dekh lena"],
  ])("reads frustration from %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });

  it.each([
    ["a payment that went through", "payment ho gaya hai, bahut jaldi bhej dena"],
    ["a parcel received and liked", "parcel mil gaya, bahut accha hai"],
    ["'otherwise' in a size choice", "M size bhejna warna L bhi chalega"],
  ])("reads no frustration in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("frustration");
  });

  it.each([
    ["a phone conversation", "kisi se phone pe baat karwa do"],
    ["a call asked for in Hinglish", "please call kar lo mere number pe"],
    ["a call asked for with a nukta", "मेरे नंबर पर फ़ोन कीजिए"],
    ["a senior", "kisi senior se baat karao"],
    ["the manager put on the line", "manager ko line pe lao"],
    ["a manager after 'I have been talking'", "main 3 din se baat kar raha hu, manager se baat karao"],
    ["a human asked for after asking if it is a bot", "bot hai ya insaan? insaan se baat karao"],
    ["someone, unnamed", "mujhe kisi se baat karni hai"],
    ["a senior summoned politely", "aapke kisi senior ko bulaiye"],
    ["the admin told to reply", "admin ko bolo reply kare"],
    ["the seller directly", "seller se directly baat karni hai"],
    ["a call", "mujhe ek call chahiye"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["a question whether it is a bot", "kya main bot se baat kar raha hoon?"],
    ["a question whom the shopper is talking to", "main seller se baat kar raha hu ya agent se?"],
    ["the bot named before the person", "reply bot de raha hai ya koi staff?"],
    ["the bot named first, then a human", "chat pe bot hai ya koi insaan?"],
    ["the same question in Devanagari", "मैं इंसान से चैट कर रहा हूँ या बॉट से?"],
    ["the courier told to hurry", "courier ko bolo jaldi de"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });

  it.each([
    ["'baat karwao' to a manager", "manager se baat karwao please"],
    ["'karna chahta hoon'", "main manager se baat karna chahta hoon"],
    ["a supervisor connected", "supervisor ko connect karo abhi"],
    ["customer care connected", "mujhe customer care wale se connect kar do"],
    ["a call arranged", "call karwa dijiye mujhe"],
    ["a call arranged in Devanagari", "कृपया मुझे कॉल करवाइए"],
    ["a call back offered as a question", "aap mujhe call kar sakte ho? 98111 22334"],
    ["the bot refused with the verb between", "bot se baat nahi karni mujhe"],
    ["the bot refused in Devanagari", "बॉट से बात नहीं करनी, इंसान चाहिए"],
    ["the bot sent away", "is bot ko hatao"],
    ["the bot sent away in Devanagari", "ये बॉट हटाओ"],
    ["someone unnamed brought", "kisi se milwa do please"],
    ["someone unnamed, the verb first", "baat karwa do kisi se yaar"],
    ["someone put on the line", "kisi ko line pe lao"],
    ["the line in mixed script", "customer care वाले को line पे लाइए please"],
    ["the owner introduced", "owner se milwa do"],
    ["whoever is above", "upar wale se baat karao bhai"],
    ["the boss summoned", "apne boss ko bulao"],
    ["a rude summons", "abe manager ko bula"],
    ["a human asked after", "koi human hai? baat karni hai"],
    ["polite, with 'kripya'", "kripya kisi pratinidhi se baat karayein"],
    ["customer care's number", "कस्टमर केयर का नंबर भेजिए"],
    ["after asking if it is a bot", "bot hai kya? manager se baat karao"],
    ["next to a refund", "refund nahi mila, manager se baat karao"],
    ["the complaint taken up the line", "complaint manager tak pahunchao"],
  ])("reads a request for a person in every frame: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["'boss' as a form of address", "boss 2 piece chahiye"],
    ["a phone that makes calls", "call kar sakte ho is phone se? video call hota hai?"],
    ["a talk with a friend", "maine apne dost se baat ki"],
    ["'baat' meaning the point", "baat ye hai ki size chhota hai"],
    ["a courier who called", "courier wale ne call kiya tha"],
    ["an item taken out of the cart", "is item ko cart se hatao"],
    ["a delivery boy let in at the gate", "delivery boy ko bula lena gate pe"],
    ["a call refused", "mujhe call mat karo, msg karo"],
  ])("reads no request for a person in calm talk of %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });

  it.each([
    ["in Devanagari", "क्या आप असली इंसान हैं?"],
    ["in Hinglish", "aap insaan ho?"],
  ])("reads 'are you a human?' as asking whether it is a bot, %s", (_what, text) => {
    expect(asksIfBot(text)).toBe(true);
    expect(detectSignals(text)).not.toContain("person");
  });

  it.each([
    ["sarcastic praise beside a slow reply", "वाह क्या सर्विस है, चार दिन में एक जवाब 👏"],
    ["sarcastic praise in Hinglish", "wah kya service hai bhai, 3 din mein reply"],
    ["'had hai' in capitals", "HAD HAI YAAR, KOI SUNTA HI NAHI"],
    ["'faltu'", "ekdum faltu shop hai"],
    ["'kitni baar bolun'", "kitni baar bolun same cheez"],
  ])("reads frustration in Hinglish from %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });

  it("reads no frustration in a reply time promised", () => {
    expect(detectSignals("customer care ne bola tha 3 din mein reply aayega")).not.toContain("frustration");
  });

  it("reads a payment the shopper never made as fraud", () => {
    expect(detectSignals("खाते से ₹999 कटे, ये पेमेंट मैंने नहीं किया")).toContain("sensitive_fraud");
  });

  it.each([
    ["the bot named first", "ye bot hai ya asli banda?"],
    ["who writes the replies, in Devanagari", "ये जवाब मशीन दे रही है या कोई इंसान?"],
  ])("reads a question whether it is a bot: %s", (_what, text) => {
    expect(asksIfBot(text)).toBe(true);
  });

  it.each([
    ["a washing machine in stock", "washing machine hai ya nahi stock mein?"],
    ["an automatic watch", "ye watch automatic hai ya battery wali?"],
    ["'ai' for 'came'", "parcel ai hai ya nahi abhi tak?"],
  ])("reads no question whether it is a bot in %s", (_what, text) => {
    expect(asksIfBot(text)).toBe(false);
  });

  it.each([
    ["pregnancy in Devanagari", "मैं प्रेगनेंट हूँ, ये लगा सकती हूँ?", "sensitive_health_safety"],
    ["a burning sensation", "cream lagate hi bahut jalan ho rahi hai", "sensitive_health_safety"],
    ["sparks", "geyser se chingari nikal rahi hai", "sensitive_health_safety"],
    ["a medical condition", "sugar patient ye le sakte hain?", "sensitive_health_safety"],
    ["a case threatened", "refund nahi diya toh case karunga", "sensitive_legal"],
    ["a police station", "thane mein report likhwa di hai", "sensitive_legal"],
    ["fraud in Devanagari", "ये तो फ्रॉड है", "sensitive_fraud"],
    ["an order the shopper never placed", "maine order nahi kiya phir paise kaise kate", "sensitive_fraud"],
    ["a one-time code asked for", "shop ke naam se kisi ne otp maanga", "sensitive_fraud"],
    ["a number and where it came from", "mera number kahan se mila aapko?", "sensitive_privacy"],
    ["promotional messages", "promotional messages bhejna band karo", "sensitive_privacy"],
  ])("reads a sensitive matter: %s", (_what, text, signal) => {
    expect(detectSignals(text)).toContain(signal);
  });

  it.each([
    ["goods called 'saman' (Malay for a summons)", "saman toota hua aaya, return karna hai"],
    ["a Malay road ('jalan'), not Hindi burning", "order 1001 dah jalan ke?"],
    ["a leaking bottle", "bottle leak ho rahi hai, replace karo"],
    ["a parcel handed to someone else", "parcel kisko diya? mujhe mila nahi"],
  ])("reads no sensitive matter in %s", (_what, text) => {
    expect(detectSignals(text).filter((s) => s.startsWith("sensitive_"))).toEqual([]);
  });

  it.each([
    ["an email id", "email id priya@example.com pe hai"],
    ["an order number with 'h' for 'hai'", "order 1001 h bhaiya"],
    ["a mobile number with 'sir'", "मोबाइल 98765 43210 है सर"],
    ["an email said to be the one used", "neha.k@example.com pe kiya tha"],
  ])("reads %s as details, not a topic", (_what, text) => {
    expect(isMainlyDetails(text, extractEntities(text, "IN"))).toBe(true);
  });
});

describe("names and words that are sensitive only in context", () => {
  it.each(["May DTI permit po ba kayo?", "Do you have a DTI registration?", "SMS blast bhejte ho kya?"])(
    "reads nothing sensitive in %s",
    (text) => {
      expect(detectSignals(text)).toEqual([]);
    },
  );

  it.each([
    ["I will report to DTI", "sensitive_legal"],
    ["ireport ko kayo sa DTI!", "sensitive_legal"],
    ["charger blast ho gaya", "sensitive_health_safety"],
  ])("reads %s as %s", (text, signal) => {
    expect(detectSignals(text)).toContain(signal);
  });
});

describe("English words for the AI that mean something else in other languages", () => {
  it.each(["washing machine hai ya nahi stock mein?", "parcel ai hai ya nahi?", "chưa ai rep, chán thật"])(
    "reads no request for a person in %s",
    (text) => {
      expect(detectSignals(text)).not.toContain("person");
    },
  );

  it.each(["no AI please, a human", "I don't want the AI", "I don't want to talk to a machine", "no ai pls"])(
    "reads %s as asking for a person",
    (text) => {
      expect(detectSignals(text)).toContain("person");
    },
  );
});

describe("Vietnamese: a person reached by Zalo, by number or higher up; junk goods and counted asks", () => {
  it.each([
    ["contact over Zalo", "nhắn zalo cho mình nhé, mình cần tư vấn kỹ hơn"],
    ["being contacted back", "shop liên hệ lại cho em qua số trong đơn nha"],
    ["a call with the southern 'tui'", "gọi cho tui cái, nhắn hoài ko hiểu"],
    ["the call transferred", "chuyển máy cho người phụ trách giúp em"],
    ["the call centre's number asked for", "cho em xin số tổng đài cskh"],
    ["the manager's number", "xin sđt quản lý với shop"],
    ["someone higher up, without diacritics", "cho gap cap tren di"],
    ["someone answerable", "e cần nói chuyện với người có trách nhiệm"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["the courier's call reported", "shipper gọi cho tôi lúc trưa mà tôi bận"],
    ["the shop's account number asked for", "cho xin số tài khoản để chuyển khoản nha"],
    ["a question about the hotline", "shop có số hotline không ạ"],
    ["photos asked for over Zalo", "shop gửi ảnh qua zalo cho mình nha"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });

  it.each([
    ["junk goods with 'vl'", "áo mặc 1 lần bai hết, dỏm vl"],
    ["'lởm'", "hàng lởm quá, tiền nào của nấy cũng ko tới mức này"],
    ["the fourth time asked, without diacritics", "lan thu 4 roi do shop"],
    ["ironic praise of speed beside 👏", "giao nhanh ghê ha, 2 tuần chưa tới 👏"],
  ])("reads frustration from %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });

  it.each([
    ["'vl' as praise", "son đẹp vl shop ơi"],
    ["speed praised without irony", "giao nhanh quá ha, cảm ơn shop"],
  ])("reads no frustration in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("frustration");
  });

  it.each([
    ["a charge for nothing bought", "thẻ bị trừ 800k mà tui không hề mua gì", "sensitive_fraud"],
    ["nothing ordered, without diacritics", "tk bi tru 300k, minh khong he dat gi ca", "sensitive_fraud"],
    ["how the shop has the number", "sao shop lại có sđt của tui?", "sensitive_privacy"],
  ])("reads a sensitive matter: %s", (_what, text, signal) => {
    expect(detectSignals(text)).toContain(signal);
  });
});

describe("Hindi: officers and departments, a call in chat shorthand, rudeness and ironic praise", () => {
  it.each([
    ["an officer", "kisi officer se baat karni hai"],
    ["a department, in Devanagari", "रिफंड डिपार्टमेंट से बात करवाइए"],
    ["a team leader", "टीम लीडर से बात करनी है"],
    ["the seller's number", "seller ka number de do"],
    ["a call in chat shorthand", "call kr do plz, likh nahi pa raha"],
    ["WhatsApp", "mujhe whatsapp kar do details ke saath"],
    ["being contacted, formally", "कृपया मुझसे संपर्क करें"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["the courier's call reported", "courier ne mujhe call kiya tha, main ghar pe nahi tha"],
    ["the courier's call reported, in Devanagari", "डिलीवरी वाले ने मुझे फ़ोन किया था पर नेटवर्क नहीं था"],
    ["a manager's promise", "manager ne bola tha kal tak aa jayega"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });

  it.each([
    ["rudeness reported", "delivery boy ne bahut badtameezi ki"],
    ["ironic praise of speed beside 👏", "क्या स्पीड है, दो हफ़्ते में भी नहीं पहुँचा 👏"],
  ])("reads frustration from %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });

  it("reads no frustration in praise with exclamation marks", () => {
    expect(detectSignals("wah kya product hai, mast quality!!")).not.toContain("frustration");
  });

  it.each([
    ["an order denied, words between", "kisi ne booking ki, maine koi order nahi kiya", "sensitive_fraud"],
    ["details gone to someone else", "meri jankari kisi aur ko de di kya?", "sensitive_privacy"],
  ])("reads a sensitive matter: %s", (_what, text, signal) => {
    expect(detectSignals(text)).toContain(signal);
  });
});

describe("a long wait counted in weeks is impatience: anger beside sarcastic clapping or '!!', in every language", () => {
  it.each([
    ["Wow amazing courier, been 3 weeks and nothing 👏👏"],
    ["ang bilis talaga, 2 linggo na hindi pa dumating 👏"],
    ["keren banget kurirnya, udah 3 minggu paketnya 👏👏"],
    ["hebat sungguh, dah 2 minggu barang tak sampai 👏"],
    ["เก่งมากค่ะ 2 อาทิตย์แล้วของยังไม่มา 👏👏"],
    ["shop giao nhanh thật, 3 tuần rồi chưa thấy hàng 👏"],
    ["物流真给力，三个星期了还没收到👏👏"],
    ["效率好高喔，兩個星期了還沒收到👏"],
    ["kya speed hai, 2 hafte ho gaye parcel nahi aaya 👏👏"],
    ["udah 2 minggu belum sampai!!"],
  ])("%s", (text) => expect(detectSignals(text)).toContain("frustration"));

  it.each([
    ["does delivery to Cebu take 2 weeks?"],
    ["udah 2 minggu belum sampai kak, bisa dicek?"],
    ["3 tuần rồi chưa nhận được hàng ạ"],
    ["great packaging, thank you 👏"],
  ])("%s is not anger", (text) => expect(detectSignals(text)).not.toContain("frustration"));
});

describe("chat abbreviations that are not a legal threat", () => {
  it("reads Indonesian 'lbh' as 'lebih' (more), and legal aid only where the shopper goes to it", () => {
    expect(detectSignals("tlg telp aja, lbh cepat jelasin lwt telpon")).not.toContain("sensitive_legal");
    expect(detectSignals("ada yg lbh murah ga kak?")).not.toContain("sensitive_legal");
    expect(detectSignals("kalau ga dibalikin uangnya saya lapor ke LBH")).toContain("sensitive_legal");
  });
});

describe("a member of staff asked to check is a request for a person", () => {
  it.each([
    ["can you get someone to check my order 5512"],
    ["paki-check ng tao yung refund ko"],
    ["bayad na sa GCash pero unpaid pa, pacheck ng tao please"],
    ["na-late na yung parcel, pakicheck naman po ng staff niyo"],
    ["ada staf yang bisa bantu? paket saya nyasar"],
    ["pembayaran dah tolak tapi order batal, staff tolong semak"],
    ["주문 취소가 안 돼요 직원분 확인 좀 해주세요"],
    ["đơn bị trừ tiền 2 lần, nhờ nhân viên xem giúp"],
    ["refund atka hua hai, koi check karke batao"],
    ["たんとうしゃのかたにかわってください"],
  ])("%s", (text) => expect(detectSignals(text)).toContain("person"));

  it.each([
    ["your staff was very kind, thanks"],
    ["ada yang lebih murah?"],
    ["직원분 친절하셨어요 감사합니다"],
  ])("%s is no request", (text) => expect(detectSignals(text)).not.toContain("person"));
});

describe("asking the seller to check an order is not asking for a person", () => {
  it.each([
    ["paki-check ng order ko po"],
    ["pacheck po ng tracking"],
    ["tolong cek resi kak"],
    ["admin tolong semak order saya"],
  ])("%s", (text) => expect(detectSignals(text)).not.toContain("person"));
});

describe("Hindi: the helpline in Devanagari, and someone to talk to", () => {
  it.each([["हेल्पलाइन का नंबर भेजो"], ["क्या कोई है जिससे बात हो सकती है?"], ["koi hai jisse baat ho sake"]])(
    "%s",
    (text) => expect(detectSignals(text)).toContain("person"),
  );
});

describe("weeks of waiting beside another word for slowness is a late parcel, not anger", () => {
  it.each([
    ["Kak, pesanan saya udah seminggu belum sampai juga, lama banget sih"],
    ["barang dah seminggu lebih tak sampai, lambat sangat"],
    ["been 2 weeks now, the parcel is quite slow"],
  ])("%s", (text) => expect(detectSignals(text)).not.toContain("frustration"));
});

describe("asking for whoever handles it, a seller or the shop's number, in more of the ways shoppers put it", () => {
  it.each([
    [
      "the one in charge of packing, in Korean",
      "박스가 다 찢겨서 왔네요. 포장 담당하시는 분이랑 통화하고 싶어요",
    ],
    ["the seller in person, in Traditional Chinese", "可以直接跟賣家談嗎？"],
    ["customer service over live chat, in Traditional Chinese", "能不能開live chat跟客服講一下"],
    ["the shop's number to phone it, in Thai", "ขอเบอร์ร้านหน่อยค่ะ จะโทรไปถามเรื่องพัสดุ"],
    ["a chat with staff, in Korean", "직원분이랑 채팅 가능한가요?"],
    ["a colleague who handles shipping, in Traditional Chinese", "想找負責退貨的同事問一下"],
    ["a real human, not a template, in Traditional Chinese", "不要模板回覆，給我一個真的人"],
    ["the boss, in Cantonese", "我要搵你哋老細傾"],
    ["staff to follow it up, in Cantonese", "有冇職員可以幫手跟進呀"],
    ["the seller in person, in Japanese", "出品者さん本人から連絡ください"],
    ["a talk by phone, in Japanese", "電話でご相談できますか？"],
    ["an officer to get in touch, in Hindi", "कृपया किसी अधिकारी से संपर्क करवाएं"],
    ["anyone to phone, in Hindi", "रंग गलत आया है, कोई कॉल करे प्लीज़"],
    ["a real man, in Hindi", "क्या यहाँ कोई असली आदमी है?"],
    ["whom one may talk to, in Tagalog", "sino po pwede ko kausapin dito?"],
    ["a person handed over, in angry Tagalog", "IBIGAY NYO SAKIN TAO NGAYON DIN"],
    ["an agent to sort it, in Tagalog", "pwede po sa agent ko ito ayusin?"],
    ["a customer service officer, in formal Hindi", "क्या आप मेरी बात किसी ग्राहक सेवा अधिकारी से करवा सकते हैं?"],
    ["an executive to check, in Hinglish", "kisi executive se check karwao"],
    ["anyone to talk to, in Hindi", "सामान टूटा हुआ है। किसी से बात हो सकती है?"],
    ["the operator in hiragana, in Japanese", "おぺれーたーにつないでください"],
    ["a misspelt admin, in Malay chat", "nk ckap dgn adnim bole?"],
    ["a real person, in Manglish", "boss ada org real x?"],
    ["the management, in Malay", "nak cakap dgn pihak pengurusan sekarang"],
    ["customer service staff to look, in Traditional Chinese", "麻煩請客服人員幫我查"],
    ["the person in charge at once, in Cantonese", "要即刻同負責人講"],
    ["admin to reply, in Taglish", "admin po paki-reply naman"],
    ["staff to call at once, in Hinglish", "do baar paisa kat gaya!! koi staff wala turant call kare"],
    ["someone to connect to, in Taglish", "paki connect po ako sa staff"],
    ["staff to sort it, in Tagalog", "pwede po ba staff mag ayos?"],
    ["a human who can follow up, in Taglish", "may human ba na pwede mag follow up?"],
    ["someone's help, in Indonesian chat", "sy butuh bantuan org"],
    [
      "help from customer service in person, in formal Indonesian",
      "Apakah saya dapat dibantu langsung oleh petugas?",
    ],
    ["a connection to customer service, in Indonesian chat", "mau tuker warna, bisa disambungin ke cs?"],
    ["a talk with the owner, in Malay chat", "nk bincang direct dgn owner"],
    ["someone who can, in Malay chat", "ada org yg boleh tolong ubah x?"],
    ["a call, in Malay chat", "Saiz x muat. Boleh call sy?"],
    ["a call back, in Indonesian chat", "td udh sy telp ga diangkat, tlg ditelpon balik ya"],
    ["someone to do it by hand, in Indonesian", "mau ganti alamat, bisa admin yang ubah langsung?"],
    ["no automatic answer, in Indonesian", "tolong jgn dibalas otomatis, sy mau cancel"],
    ["the shop's owner to get in touch, in Indonesian", "sy mau dihubungi sama pemilik tokonya"],
    ["chat shorthand, in Malay", "nk ckp dgn org betul"],
    ["a call to a shortened 'saya', in Malay", "boleh admin call sy? 012-345 6789"],
    ["an agent, in Tagalog", "pwede po ba makausap ang ahente?"],
    ["someone to phone the shopper, in Tagalog", "pwede po bang may tumawag sa akin na staff?"],
    ["a person who can help, in Tagalog", "may tao po ba dito na makakatulong sakin?"],
    ["someone to check the order, in Vietnamese", "nhờ người kiểm tra lại đơn này giúp em"],
    ["the message passed on to the owner, in Vietnamese", "bạn chuyển tin nhắn này cho quản lý giúp mình"],
    ["the complaint taken higher, in Vietnamese", "tôi sẽ khiếu nại lên cấp cao hơn"],
    ["advice by phone, in Vietnamese", "em muốn được tư vấn qua điện thoại ạ"],
    ["a call, in Vietnamese slang", "ad alo cho em xíu nha"],
    ["someone who can help, in Hindi", "क्या कोई है जो मदद कर सके?"],
    ["the shopper's words passed on to the seller, in Hindi", "कृपया मेरी शिकायत सेलर तक पहुंचा दीजिए"],
    ["the message forwarded to the seller, in Hinglish", "plz seller ko ye message forward kr do"],
    ["the boss in person, in Hinglish", "mujhe aapke boss se milna hai"],
    ["the helpline number, in Hinglish", "aapka helpline number do"],
    ["someone who can help, in Indonesian chat", "kak ada yg bisa bantu saya ga ya"],
    ["whoever is responsible, in Indonesian chat", "tolong sambungin sama yang bertanggung jawab"],
    ["someone who can help, in Malay chat", "ada sesiapa boleh tolong saya tak"],
    ["someone to check, in Malay chat", "nak minta org semak parcel sy"],
    ["someone who can help, in Tagalog", "meron bang makakatulong sa akin?"],
    ["someone who can help, in Japanese", "すみません、誰か助けてください"],
    ["a line to call, in Japanese", "電話できる窓口はありますか"],
    ["someone who can help, in Korean", "혹시 도와주실 수 있는 분 있나요?"],
    ["a complaint taken to a superior, in Simplified Chinese", "这事我要向上级反映"],
    ["a complaint taken to a superior, in Traditional Chinese", "我要找你們上級"],
    ["escalation on its own, in English", "escalate please, thanks"],
    ["escalation, in Indonesian", "kak tolong eskalasi masalah ini"],
    ["the team contacting the shopper, in Indonesian", "bisa kontak saya langsung kak?"],
    ["a real person, in Malay chat", "nk layan dgn org betul je"],
    ["someone to look at it, in Malay chat", "minta orang tengok masalah ni"],
    ["the team contacting the shopper, in Tagalog", "pwede nyo ba akong kontakin ako mamaya?"],
    ["a person to take care of it, in Thai", "อยากให้คนดูแลเรื่องนี้ต่อค่ะ"],
    ["escalation, in Japanese", "エスカレーションをお願いします"],
    ["someone who can handle it now, in Japanese", "対応できる方はいらっしゃいますか"],
    ["taken up the line, in Korean", "이 건 윗선에 보고해 주세요"],
    ["escalation, in Simplified Chinese", "麻烦升级处理一下"],
    ["escalation, in Traditional Chinese", "請幫我往上呈報"],
    [
      "the complaint sent to a higher authority, in Hinglish",
      "meri complaint kisi higher authority tak pahucha do",
    ],
    ["the complaint sent to someone responsible, in Hindi", "यह मामला किसी जिम्मेदार अधिकारी को भेजिए"],
    ["whether a human reads this, in Hinglish", "koi human padh raha hai kya mera msg?"],
    ["whether a person reads this, in Vietnamese", "có ai đọc tin nhắn của em không ạ"],
    ["whether anyone answers the phone, in Vietnamese", "gọi hotline mãi, có ai nghe máy không vậy"],
    ["a talk with a person, in Vietnamese", "cho em nói chuyện với người được không"],
    ["someone to answer, in Vietnamese", "ai đó trả lời giúp mình với"],
    ["the owner to check, in Vietnamese", "chủ shop kiểm tra giúp em đơn này với"],
    ["the technicians to get in touch, in Vietnamese", "bên kỹ thuật liên hệ lại với em nhé"],
    ["the seller to look personally, in Hinglish", "seller ji aap khud check kar lo please"],
    ["the manager by the formal word, in Hindi", "कृपया प्रबंधक से बात कराइए"],
    ["someone who will solve it, in Hinglish", "koi hai jo meri problem solve kare?"],
    ["someone assigned to the case, in Hinglish", "mere case pe koi executive assign karo"],
    ["the case given to a senior, in Hinglish", "ye case kisi senior ko de do"],
    ["someone to advise directly, in Vietnamese", "có bạn nào hỗ trợ em trực tiếp không ạ"],
    ["a person needed, in Vietnamese", "alo alo, e cần người giúp"],
    ["another person, in Vietnamese", "bạn này không hiểu, đổi người khác giúp em"],
    ["someone to explain, in Vietnamese", "mình cần người hướng dẫn cách lắp"],
    ["the warranty team, in Vietnamese", "cho em gặp bộ phận bảo hành"],
    ["someone who will talk, in Hinglish", "aapka koi rep hai jo baat kare?"],
    ["the manager brought, in Hinglish", "bas bahut hua, apne manager ko lao"],
    ["the help desk, in Hinglish", "koi helpdesk wala hai kya?"],
    ["the issue taken up, in Hinglish", "is issue ko upar tak le jao please"],
    ["a contact soon, in Vietnamese", "shop liên hệ mình sớm nha"],
    ["someone to get in touch, in Vietnamese", "ai đó liên hệ em với"],
    ["a word with the owner", "can I have a word with the owner"],
    ["whom to talk to, in Tagalog", "sino po pwede kausapin tungkol dito?"],
    ["someone to deal with it, in Japanese", "どなたか対応をお願いできますか"],
    ["someone to deal with it, in Korean", "누구든 처리 좀 해주세요"],
    ["someone assigned to the order, in Hinglish", "is order ke liye kisi ko assign karo please"],
    ["the complaint sent on, in Hinglish", "meri complaint aage forward kar do"],
    ["whether a manager is there, in Vietnamese", "có quản lý ở đó không ạ"],
    ["a way to reach the technicians, in Vietnamese", "cho xin liên lạc bên kỹ thuật với"],
    ["a number to call, in Indonesian", "ada nomor yang bisa saya telepon?"],
    ["the manager brought in, in Indonesian", "kak tolong libatkan atasan kamu"],
    ["a number to call, in Tagalog", "ano po ang pwede kong tawagan na number?"],
    ["the manager brought in, in Tagalog", "isali nyo ang manager sa usapan"],
    ["someone who can help, in Thai", "มีคนที่ช่วยได้บ้างไหมครับ"],
    ["the team to call, in Thai", "ทีมงานโทรหาพรุ่งนี้ได้ไหมคะ"],
    ["help from staff, in Thai", "ขอความช่วยเหลือจากเจ้าหน้าที่ค่ะ"],
    ["which number to call, in Thai", "ต้องโทรเบอร์ไหนครับ"],
    ["whoever has authority, in unaccented Vietnamese", "ai co tham quyen thi lien he minh"],
    ["a real person, in Vietnamese teencode", "cho mik ns chuyen vs ng that"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["what customer service said, in Traditional Chinese", "客服說三天內會退款"],
    ["praise for the seller, in Traditional Chinese", "賣家很親切，推推"],
    ["the staff's hours, in Simplified Chinese", "你们客服一般几点回复？"],
    ["praise for how fast the staff reply, in Simplified Chinese", "这家客服回复很及时"],
    ["praise for how fast the staff reply, in Traditional Chinese", "你們客服回覆好快喔"],
    ["the staff's hours, in Cantonese", "你哋CS幾點返工？"],
    ["a question whether it is a bot, in Tagalog", "bot lang ba to o may tao?"],
    ["a question whether it is a bot, in Hinglish", "ye bot h kya ya koi banda reply kr rha h?"],
    ["a question whether it is a real person, in Traditional Chinese", "你是真的人嗎？"],
    ["a colleague who will receive the parcel, in Traditional Chinese", "我同事會幫忙收貨"],
    ["a way to handle it, in Japanese", "この場合、対応できる方法はありますか"],
    ["escalation no longer needed, in Japanese", "無事届きましたのでエスカレーションは不要です"],
    ["escalation already done, in Korean", "윗선에 올리셨다고 들었어요, 감사합니다"],
    ["the matter already passed on, in Thai", "แอดมินส่งเรื่องต่อให้ทีมแล้วนะคะ ขอบคุณค่ะ"],
    ["the matter already taken up, in Vietnamese", "ad đã báo lên quản lý rồi, cảm ơn"],
    ["escalation already done, in Simplified Chinese", "好的，已经升级处理就行"],
    ["escalation no longer needed, in Traditional Chinese", "收到了，不用升級處理了"],
    ["a call already made, in Hinglish", "aapke staff ne mujhe call kar liya, shukriya"],
    ["a contact already made, in Vietnamese", "admin đã liên hệ lại rồi, cảm ơn shop"],
    ["an item that matches, in Hinglish", "koi hai jo blue color me ho?"],
    ["someone to receive the parcel, in Vietnamese", "mình cần người nhận hàng thay vào thứ 7"],
    ["a note when it is back in stock, in Vietnamese", "liên hệ em nhé khi có hàng lại"],
    ["a note when it is back in stock, in Indonesian", "hubungi saya langsung kalau barang ready ya"],
    ["a gift for a senior, in Hinglish", "kisi senior ko gift dena hai, kaunsa best hai"],
    ["whether it needs someone to look, in Malay", "perlu org tengok ke? sy boleh pasang sendiri"],
    ["whether the complaint went on, in Hinglish", "complaint aage forward ho gaya kya?"],
    ["whether the shop has a manager, in Vietnamese", "shop có quản lý không hay chỉ có nhân viên"],
    ["'really' beside 'ng' (người), in Vietnamese teencode", "ng thật sự rất thích cái áo này"],
    ["the team already in touch, in Indonesian", "cs nya udah hubungi saya kok"],
    ["someone already in touch, in Japanese", "先ほど担当者様からご連絡いただきました"],
    ["someone already in touch, in Korean", "상담원분이 어제 연락 주셨어요"],
    ["a call already made, in Vietnamese", "nhân viên đã gọi cho em rồi ạ"],
    ["escalation no longer needed, in Tagalog", "okay na po, di na kailangan i-escalate"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });
});

describe("Cantonese questions that hold a complaint's words", () => {
  it("reads 'is anyone answering at night?' (有冇人覆) as a question, not a complaint that no one answers", () => {
    expect(detectSignals("你哋夜晚有冇人覆㗎？")).not.toContain("frustration");
    expect(detectSignals("等咗三日都冇人覆，搞咩呀？！")).toContain("frustration");
  });
});

describe("a message that is a role and nothing else", () => {
  it.each([
    ["專員"],
    ["ahente"],
    ["executive!!"],
    ["tuvanvien"],
    ["상담원"],
    ["Customer Service?"],
    ["staff la weh"],
    ["hello? cs pls"],
    ["상담원요"],
    ["nhân viên ơi"],
    ["agnet"],
    ["custmer service pls"],
    ["supervsor!!"],
  ])("asks for that role, particles aside: %s", (text) => expect(detectSignals(text)).toContain("person"));

  it.each([
    ["사장님~"],
    ["老板？"],
    ["kak"],
    ["boss??"],
    ["판매자님~"],
    ["shop ơi"],
    ["thanks admin"],
    ["orange?"],
  ])(
    "is a ping, or no role, when the word is how shoppers address the seller or only looks like a role: %s",
    (text) => expect(detectSignals(text)).not.toContain("person"),
  );
});

describe("a fake received, said the way shoppers say it", () => {
  it.each([
    ["Japanese", "届いたの、どう見ても偽物なんですけど"],
    ["Cantonese", "你哋啲耳機係翻版嚟㗎"],
    ["Korean", "정품이라더니 가품 보냈네요"],
    ["Malay", "kedai tipu, dah bayar tak hantar pun"],
  ])("is a fraud matter in %s: %s", (_language, text) => {
    expect(detectSignals(text)).toContain("sensitive_fraud");
  });

  it("is not one when a shopper asks before buying whether it is fake", () => {
    expect(detectSignals("これって偽物ですか？")).not.toContain("sensitive_fraud");
    expect(detectSignals("이거 가품 아니죠?")).not.toContain("sensitive_fraud");
  });
});

describe("asking to continue with someone on a messaging app", () => {
  it.each([
    ["English", "can u whatsapp me instead"],
    ["Indonesian", "wa sy aja kak, lebih cepet"],
    ["Malay", "boleh whatsapp sy?"],
    ["Tagalog", "viber nyo na lang ako po"],
    ["Vietnamese", "shop liên hệ qua zalo cho mình nha"],
    ["Simplified Chinese", "加我微信说吧"],
    ["Cantonese", "whatsapp我啦"],
    ["Japanese", "LINEで連絡ください"],
    ["Korean", "카톡으로 연락 주세요"],
    ["Thai", "ทักไลน์มาหน่อยค่ะ"],
    ["Hinglish", "mujhe whatsapp pe baat karni hai"],
  ])("is a request for a person in %s: %s", (_language, text) => {
    expect(detectSignals(text)).toContain("person");
  });
});

describe("a legal threat that names whom the shopper wants", () => {
  it.each([
    ["English", "no manager here by tomorrow and I'm going to the consumer tribunal"],
    ["Tagalog", "ire-reklamo ko kayo sa DTI kung walang supervisor na haharap sakin"],
    ["Hinglish", "agar senior nahi aaya to consumer court jaunga"],
    ["Japanese", "責任者が出てこないなら消費者センターに行きます"],
    ["Korean", "책임자 안 나오면 소비자원 갑니다"],
    ["Malay", "kalau takde pegawai datang esok, sy report KPDN"],
  ])("asks for that person in %s: %s", (_language, text) => {
    expect(detectSignals(text)).toEqual(expect.arrayContaining(["person", "sensitive_legal"]));
  });

  it("does not take the words of the agency's own name for a role", () => {
    expect(detectSignals("tôi sẽ gửi đơn lên Cục Bảo vệ người tiêu dùng")).toEqual(["sensitive_legal"]);
  });
});

describe("a problem told with a run of exclamation marks", () => {
  it.each([
    ["delivery_delay", "Hindi", "15 दिन हो गए, पार्सल अभी तक नहीं आया!!!"],
    ["delivery_delay", "Korean", "주문한 지 2주 넘었는데 아직도 안 와요!!!"],
    ["refund_return", "English", "the strap broke on the first day!!!"],
  ] as const)("is anger when the topic is a problem (%s, %s): %s", (topic, _language, text) => {
    expect(detectSignals(text, topic)).toContain("frustration");
  });

  it("is joy when the topic is thanks, and one sign only with no topic given", () => {
    expect(detectSignals("got it today, thank you so much!!!", "thanks")).not.toContain("frustration");
    expect(detectSignals("15 दिन हो गए, पार्सल अभी तक नहीं आया!!!")).not.toContain("frustration");
  });
});

describe("someone who knows the item, or who can explain it by phone", () => {
  it.each([
    ["Hinglish", "ye AC 1.5 ton me bhi aata h? kisi sales wale se detail me baat ho sakti h"],
    ["Hinglish", "mummy ko order ke baare me samjhana h, koi phone pe bata sakta h kya?"],
    ["Vietnamese", "máy này xài đc điện 110V ko, có nv kỹ thuật tư vấn ko ạ"],
    ["Vietnamese", "nt qua zalo vs nv tư vấn dc ko shop"],
    ["Malay", "saiz M ada stok lagi? nak tanya staff yg tahu pasal ukuran"],
  ])("is a request for a person in %s: %s", (_language, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it("is not asking the seller a question addressed to 'admin'", () => {
    expect(detectSignals("nak tanya admin, bila barang sampai?")).not.toContain("person");
  });
});

describe("Vietnamese tone marks on either vowel", () => {
  it("reads 'xoá' as the phrases' 'xóa': a request to delete one's data is a privacy matter either way", () => {
    expect(detectSignals("shop xoá dữ liệu của tôi đi")).toContain("sensitive_privacy");
    expect(detectSignals("shop xóa dữ liệu của tôi đi")).toContain("sensitive_privacy");
  });
});

describe("Hindi: the danda ends a sentence, and requests put with other words between", () => {
  it.each([
    ["a call already made, then a request after the danda", "कल कूरियर ने फोन किया था। मैनेजर से बात कराओ"],
    ["the same in Hinglish with a danda", "courier ne call kiya tha। manager se baat karao"],
    [
      "a call already made, then a request after a comma",
      "courier ne call kiya tha, ab manager se baat karao",
    ],
    [
      "a call already made in Vietnamese, then a request",
      "shipper đã gọi cho mình rồi, giờ cho mình gặp quản lý",
    ],
    ["the phone and nothing else", "अपना नंबर दीजिए, मैं फोन पर ही बात करूँगा"],
    ["the phone in Latin letters", "अपना number दो, phone पे ही बात करूँगा"],
    ["the seller to look in person", "seller khud ek baar mera case dekh le"],
    ["someone to talk to the shopper", "kya koi mujhse baat kar sakta hai? order ke baare me puchna tha"],
    ["whoever handles it, by a pronoun", "jo mera case dekh raha hai usse baat krwa do"],
    ["the issue escalated", "मेरा issue किसी senior को escalate करो"],
    ["someone to take up the case", "क्या कोई मेरा केस देख सकता है? पैसे कट गए"],
    ["a person in the chat who can answer", "इस चैट में कोई आदमी है जो जवाब दे सके?"],
    ["someone from accounts to look", "डबल पेमेंट कट गया है, कोई अकाउंट वाला देखे प्लीज़"],
    ["staff to confirm by phone", "पता बदलना है, कोई स्टाफ वाला फ़ोन करके कन्फर्म कर ले"],
    ["a real employee, not machine replies", "कोई असली कर्मचारी मेरा मामला देखे, ये मशीन वाले जवाब नहीं चाहिए"],
    ["support staff to check", "refund abhi tak nhi aaya, koi support wala check kr le plz"],
    ["someone to call, in mixed script", "ऑर्डर का पता बदलना है, कोई मुझे call कर ले 9001234567"],
    ["someone to solve it, the bot refused", "koi h jo mera problem solve kare? bot ke bas ki baat nahi h"],
    ["anyone to answer", "koi jawab dene wala hai?"],
    ["a call in one word", "ek baar call karlo please"],
    ["'insan' spelt short", "kisi insan se baat krni h"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["a talk that already happened", "मेरे भाई की आपके सीनियर से बात हो गई थी, रिफंड आ गया, शुक्रिया"],
    ["a phone talk that already happened", "phone pe baat ho gayi thi, thanks"],
    ["staff who already explained by phone", "आपके executive ने कल फ़ोन करके सब समझा दिया, बहुत धन्यवाद"],
    ["the phone as the item", "is phone me call recording ka option h kya?"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });

  it.each([
    ["tired of hearing the same promise", "'हम जल्द संपर्क करेंगे' सुन-सुन के थक गई हूँ, ऑर्डर अभी तक नहीं आया"],
    ["the seller's sense insulted", "cancel kiya tha fir bhi bhej diya, dimag h ki nahi aap logo ka"],
    ["exasperation", "app me delivered dikha raha h, mila kuch nahi!!! kya chal rha h ye"],
  ])("reads frustration: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });
});

describe("Vietnamese: asks with and without tone marks, in chat forms", () => {
  it.each([
    ["someone to look into it", "nhờ ai đó kiểm tra giúp trường hợp của mình với"],
    ["someone with the power to decide", "Có ai có quyền quyết định ở đây không?"],
    [
      "the manager summoned, unaccented",
      "don hang tre ca tuan roi ma ko ai bao gi het!!! goi quan ly ra noi chuyen",
    ],
    ["the manager asked after", "Tôi đã yêu cầu hủy 2 lần rồi mà đơn vẫn giao đi!!! Quản lý đâu?"],
    ["a call back, unaccented", "hang giao toi bi vo 2 cai ly, nho ad kiem tra roi lien he lai minh nhe"],
    [
      "a person to check a payment",
      "Mình chuyển khoản rồi mà đơn vẫn báo chưa thanh toán, cần người kiểm tra giao dịch giúp",
    ],
    ["a call to ask", "bị trừ tiền 2 lần cho 1 đơn, cho mik xin hotline gọi hỏi cho rõ"],
    ["being called right away, unaccented", "minh moi chuyen nha, shop goi minh lien nhe 0901 234 567"],
    ["whoever is in charge, to message", "Nhan sai size giay, ai phu trach doi hang thi nhan minh nha"],
    ["a call to say what happened", "shop cho người liên hệ bên vận chuyển rồi gọi báo mình với"],
    ["a direct talk", "Con mình bôi kem này bị nổi mẩn đỏ, cần nói chuyện trực tiếp với người bên shop ngay"],
    ["staff, abbreviated", "thanh toan qua momo bi loi ma tien van mat, can nv ho tro gap"],
    ["a private message", "hang ko giong hinh, muon tra, admin inbox rieng cho minh de gui hinh nha"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["no staff wanted", "minh ko can gap nhan vien dau, chi hoi la ao nay chat cotton ha"],
    [
      "a talk that already happened",
      "em vua noi chuyen voi chi quan ly xong, chi hen mai giao, em cam on nha",
    ],
    ["the hotline asked for to order", "cho xin số hotline để gọi đặt hàng với"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });

  it("reads frustration in the shop accused of keeping the money", () => {
    expect(detectSignals("doi hoan tien lau qua, shop dinh an luon tien cua khach a?")).toContain(
      "frustration",
    );
  });
});

describe("Chinese: customer-service staff asked to step in", () => {
  it.each([
    ["已經ATM轉帳了，訂單還是顯示未付款，請客服人員確認一下"],
    ["付款了还显示未付款，请客服人员确认一下"],
  ])("%s", (text) => expect(detectSignals(text)).toContain("person"));
});

describe("a wait counted in ten days or more is anger beside sarcastic clapping, not beside thanks", () => {
  it.each([
    ["waah kya fast delivery h, sirf 20 din lage 👏👏"],
    ["mantap, 20 hari baru nyampe 👏👏"],
    ["great, only took 20 days 👏"],
    ["20天才到，真快啊👏👏"],
  ])("%s", (text) => expect(detectSignals(text)).toContain("frustration"));

  it.each([["thank you!! sampai dalam 10 hari"], ["20 din lage, thik hai"], ["20日に注文しました👏"]])(
    "%s is no anger",
    (text) => expect(detectSignals(text)).not.toContain("frustration"),
  );
});

describe("Hindi: a personal number, someone senior or expert, and whoever is appointed", () => {
  it.each([
    [
      "a personal number for a direct talk",
      "Seller ka personal number mil sakta hai? direct baat kar lunga unse",
    ],
    [
      "an executive to check and tell",
      "UPI se paisa cut gaya aur order cancel dikha raha, koi executive check karke batao",
    ],
    ["the head of the company written to", "aapke CEO ka email id do, ab upar tak jaunga"],
    ["an officer appointed, formally", "मेरे मामले की जांच के लिए एक अधिकारी नियुक्त किया जाए"],
    [
      "someone senior, respectfully",
      "sir ji 🙏 kisi bade sahab se baat karwa dijiye, meri problem thodi alag hai",
    ],
    [
      "a direct message to the seller, the bot refused",
      "seller ko direct message kaise karu? yahan toh sirf bot reply de raha",
    ],
    [
      "an expert sent the case",
      "kya aap mera issue kisi technical expert ko bhej sakte ho? naya cooler chalu hi nahi ho raha",
    ],
    [
      "someone to talk to first",
      "Order cancel karna hai, lekin pehle kisi se baat karke charges samajhna hai",
    ],
    ["the shopkeeper's number", "Dukaan wale bhaiya ka number de do na, baaki saman unse hi le lenge"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["a boss to give a gift to", "Apne boss ko gift dena hai, gift wrap ho jayega kya?"],
    ["customer care's email asked for", "कस्टमर केयर का ईमेल आईडी क्या है?"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });
});

describe("requests for a person found by independent probes in nine more languages", () => {
  it.each([
    ["a video call, in Taglish", "pwede po ba tayo mag-video call? para makita nyo po yung problema"],
    [
      "an agent connected, in Taglish",
      "lagpas na po sa ETA pero wala pa rin yung parcel, paki-connect po sa agent",
    ],
    ["a video call, in Indonesian slang", "gan bisa vc gk? biar sy tunjukin langsung masalahnya"],
    [
      "a person from customer service to check",
      "saldo shopeepay kepotong tp pesanan msh blm dibayar, minta org cs cek ya",
    ],
    ["anyone to check the case, in Malay", "boleh x sesiapa check kes saya? dah 3 hari tunggu"],
    ["the owner asked for, in Malay", "owner ada tak? nak discuss sikit"],
    ["someone in charge to speak to", "siapa in charge sini? bagi saya cakap dgn dia"],
    ["a person instead of the bot, in Thai", "บอทไม่เข้าใจที่พิมพ์เลย🙄ขอเปลี่ยนเป็นคนค่ะ"],
    ["a person to look, in Thai", "โดนตัดเงินสองรอบคับ รบกวนคนช่วยดูให้หน่อย"],
    ["a number to call, in Singlish", "What number can I call? Typing all this very sian"],
    ["the manager, 'can or not'", "Manager can or not? This is my 3rd time asking already"],
    ["someone to settle it", "Charged me twice!!! Someone settle this NOW"],
    [
      "a number the shopper can call, in Japanese",
      "文字だと説明しづらいので、こちらからかけられる電話番号を教えてもらえますか",
    ],
    ["the store manager, in Japanese", "店長さんいますか？ちょっと相談したいことがあって"],
    ["human eyes, in Japanese", "私の件、ちゃんと誰か見てくれてますか？人の目で確認してほしいです"],
    ["anyone who understands, in Japanese", "何回聞いても同じ答えしか返ってこない…誰か分かる人いませんか"],
    ["asking directly, in Korean", "사장님 계세요? 직접 여쭤볼 게 있어서요"],
    ["a superior put on, in Korean", "환불 아직도 안 들어왔어요!!! 윗분 바꿔요"],
    ["any number to call, in Korean", "고객센터 번호라도 알려주세요. 여기선 답이 안 나와서요"],
    ["asking the owner directly, in Chinese", "店主在吗？有点事想直接问问你"],
    ["the manager asked after, in Chinese", "退款到现在都没到账，你们经理呢？？"],
    ["whoever is responsible, in Chinese", "收到的是假货，我要找你们负责的人"],
    ["a voice call, in Chinese", "老板，方便语音一下不？"],
    ["after-sales staff to contact the shopper", "台灯收到就坏了，拍了照片，请售后的人联系我"],
    ["someone to handle it, in Chinese", "重复扣款两次！！赶紧找人处理"],
    ["someone to handle it directly, in Taiwanese Mandarin", "我要取消訂單，有人可以直接幫我處理嗎"],
    ["a call back directly, in Taiwanese Mandarin", "收件地址要改，可以直接打給我嗎？"],
    ["someone to look at the case, in Taiwanese Mandarin", "麻煩有人幫我看一下我的案件，已經問第三次了😤"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["'tao po?', a call at the door", "tao po?"],
    [
      "someone already talked to, in Taglish",
      "kausap ko po si admin kahapon, sabi ship today daw. na-ship na po ba?",
    ],
    [
      "a chat already had, in Indonesian",
      "kmrn udh chat sama admin yg namanya Rina, katanya dikirim hari ini. udh dikirim blm ya?",
    ],
    ["staff on duty at the store", "kalo mau ambil sendiri ke toko, ada staf yg jaga di hari minggu gk kak?"],
    ["an admin already talked to, in Thai", "เมื่อวานคุยกับพี่แอดคนนึงแล้ว เค้าบอกจะส่งของวันนี้ ส่งยังคะ"],
    ["ergonomics, in Japanese", "人間工学デザインの椅子って在庫ありますか？"],
    [
      "staff who already helped by phone, in Japanese",
      "昨日電話で対応してくれた担当者さん、とても親切でした。ありがとうございます",
    ],
    ["the courier's call, in Korean", "배송 기사님이 보통 도착 전에 전화 주시나요?"],
    ["an address customer service gave, in Chinese", "之前人工客服给的退货地址我记下了，已经寄出了，谢谢"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });
});

describe("a second round of independent probes: a person demanded or else, read by a human, or to act by hand", () => {
  it.each([
    [
      "no manager contacts me or else, in Indonesian",
      "Kalo hari ini gak ada manajer yg hubungin saya, saya kasih bintang 1 dan viralin di tiktok",
    ],
    [
      "no manager contacts me or else, in Malay",
      "Kalau hari ni tak ada manager hubungi, saya bagi 1 bintang dan viralkan kat FB",
    ],
    [
      "no manager contacts me or else, in Taglish",
      "Pag walang manager na kumontak sakin ngayong araw, 1 star kayo at ipo-post ko sa FB",
    ],
    [
      "no manager contacts me or else, in Hindi",
      "आज शाम तक किसी मैनेजर ने संपर्क नहीं किया तो 1 स्टार दूँगा और ट्विटर पर भी डालूँगा",
    ],
    [
      "no manager contacts me or else, in Vietnamese",
      "Trong hôm nay không có quản lý nào liên hệ thì tôi đánh giá 1 sao và đăng lên group review luôn",
    ],
    [
      "a person sent, or else, in Japanese",
      "今日中に誰からも電話なかったら星1つけてSNSにも全部書くから。さっさと人よこして",
    ],
    ["a human actually reading, in Taglish", "may tao ba talagang nakakabasa nito?"],
    ["a human reading, in Thai", "มีมนุษย์อ่านข้อความนี้อยู่ไหมเนี่ย"],
    ["the auto reply turned off, in Thai", "ช่วยปิดตอบกลับอัตโนมัติก่อนได้ไหม อยากให้คนอ่านข้อความนี้จริงๆ"],
    ["the team to look themselves, in Thai", "เรื่องนี้น่าจะต้องให้ทีมงานดูเองนะคะ ข้อความอัตโนมัติคงช่วยไม่ได้"],
    ["staff to cancel it, in Thai", "กดยกเลิกออเดอร์ไม่ได้ค่ะ รบกวนให้พนักงานยกเลิกให้ทีนะคะ"],
    [
      "a check by hand, in Indonesian",
      "Saldo udh kepotong tp pesanan msh belum dibayar, tlg admin cek manual",
    ],
    [
      "a cancellation by hand, in Malay",
      "Button cancel tak jalan, boleh admin tolong cancelkan order saya manual?",
    ],
    [
      "staff to phone and teach, in Malay",
      "Makcik tak reti guna app ni, ada adik staf boleh telefon ajar makcik order?",
    ],
    [
      "staff connected, 'dgn'",
      "Parcel dah 10 hari tak sampai, tolong sambungkan dgn staf yang jaga penghantaran",
    ],
    [
      "the admin to cancel it, in Taglish",
      "Ayaw gumana ng cancel button, pwede po bang si admin na mag-cancel ng order ko?",
    ],
    [
      "whoever is in charge, in Taglish",
      "10 days na di pa dumadating parcel ko, pakausap po sa in-charge sa delivery",
    ],
    [
      "someone from the team to look, in Hindi",
      "मुझे लगता है मेरी समस्या ऑटोमैटिक जवाबों से हल नहीं होगी, आपकी टीम में से कोई ख़ुद देख ले तो अच्छा रहेगा",
    ],
    [
      "someone to explain by phone, in Hinglish",
      "beta mujhe ye app chalana nahi aata, koi aadmi phone karke samjha de to badi meherbani",
    ],
    [
      "the same person as last time, in Hindi",
      "पिछली बार जिन्होंने मदद की थी, नेहा जी, क्या उन्हीं से बात हो सकती है?",
    ],
    [
      "someone from the shop to look, in Vietnamese",
      "Vấn đề của mình hơi phức tạp, chắc cần một bạn bên shop xem trực tiếp chứ tin nhắn tự động không giải quyết được đâu",
    ],
    [
      "the manager to deal with directly, in Vietnamese",
      "cho xin sđt hoặc email của quản lý bên shop, mình muốn làm việc trực tiếp",
    ],
    [
      "a responsible person's contact, in Japanese",
      "責任者の方の連絡先を教えてください。メールアドレスでも構いません。",
    ],
    [
      "a direct exchange with a person, in Japanese",
      "届いたお皿が割れていました。返品の件は人の方と直接やりとりしたいです。",
    ],
    ["the bot refused, in Korean", "아 진짜 ㅡㅡ 사람 없어요? 봇이랑 말하기 싫다고요"],
    ["someone with authority, in Chinese", "再不处理我就打12315投诉，现在给我找个能做主的人"],
    ["anyone to handle it, in Taiwanese Mandarin", "已經問第三次了欸！！到底有沒有人要處理"],
    ["a transfer, in Cantonese", "投訴係邊個跟？幫我轉過去吖"],
    ["the superior, in Cantonese", "退款等咗成個月，你哋係咪玩嘢？即刻搵上司嚟！"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    [
      "a photo's model, in Taglish",
      "Totoong tao po ba yung model sa pic o edited? Same color po ba sa actual?",
    ],
    [
      "a photo's model, in Hindi",
      "फ़ोटो में जो मॉडल है वो असली इंसान है या एडिट की हुई फ़ोटो है? ड्रेस का रंग वैसा ही आएगा?",
    ],
    [
      "a photo's model, in Indonesian",
      "Modelnya di foto orang beneran atau editan kak? warnanya sama kayak aslinya?",
    ],
    ["a photo's model, in Malay", "Model dalam gambar tu orang betul pakai ke gambar edit? warna sama tak?"],
    [
      "a photo's model, in Vietnamese",
      "Ảnh mẫu là người thật mặc hay ảnh ghép vậy? màu thực tế có giống không",
    ],
    ["the owner making it, in Korean", "사장님이 직접 만드시는 거예요? 원산지가 궁금합니다"],
    ["the courier's call, in Chinese", "快递员刚给我打电话了，说放驿站了，好的谢谢"],
    ["the courier's call, in Cantonese", "速遞員啱啱打俾我話聽日到，唔該"],
    ["a visit to see it in person, in Vietnamese", "shop ở đâu vậy, cho mình ghé xem trực tiếp được không"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });

  it.each([
    ["'can't you read', in Taglish", "Black inorder ko, pink pinadala. Di marunong magbasa??"],
    ["'can't you read', in Hindi", "काला मँगाया था, गुलाबी भेज दिया। पढ़ना नहीं आता क्या??"],
    ["'can't you read', in Malay", "Order hitam, hantar pink. Tak reti baca ke??"],
    ["'can't you read', in Thai", "สั่งสีดำ ส่งสีชมพูมา อ่านออเดอร์ไม่เป็นเหรอ??"],
    ["'can't you read', in Vietnamese", "Đặt màu đen giao màu hồng, đọc đơn không biết hả??"],
    [
      "careless packing, in Hinglish",
      "packing dekh ke lagta hai kachre me daal ke bheja hai, dabba pichka hua",
    ],
    ["careless packing, in Thai", "แพ็คของอย่างกับโยนมา กล่องยับหมด ใส่ใจลูกค้าบ้างมั้ย"],
    ["careless packing, in Vietnamese", "đóng gói ẩu vãi, hộp bẹp dí hết trơn, có tâm chút được không"],
    ["'my foot', in Singlish", "lol 'ships within 24 hours' my foot. 5 days liao"],
    ["'is this for real', in Korean", "결제한 지 일주일 넘었는데 아직도 배송준비중이라니 실화냐"],
    ["an insult, in Chinese", "尺码差那么多还要我出运费退？有毛病吧"],
    [
      "weeks of waiting beside clapping",
      "Great service 👏👏 paid 2 weeks ago and my parcel still hasn't come",
    ],
  ])("reads frustration: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });

  it("reads three question marks about a refund as anger", () => {
    expect(detectSignals("退款呢？？？", "refund_return")).toContain("frustration");
  });

  it("reads three question marks about a colour as no anger ('warna' is colour in Indonesian, 'or else' in Hinglish)", () => {
    expect(detectSignals("ada warna lain???", "product_question")).not.toContain("frustration");
  });
});

describe("requests the retrained model no longer carries alone", () => {
  it.each([
    ["a human to read the message, in Hinglish", "koi human ye message padhega bhi ya nahi?"],
    [
      "staff to phone and guide, in Vietnamese",
      "Cô lớn tuổi không rành điện thoại, có cháu nhân viên nào gọi chỉ cô cách đặt hàng được không",
    ],
    ["a video call, in Malay", "boleh video call x? nak tunjuk barang tu live"],
    ["a person to come and check, in Thai", "ช่วยให้คนมาเช็คเคสผมหน่อยครับ คำสั่งซื้อ 2405187QX"],
    ["live chat, alone", "livechat"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it("reads no request in a question whether the shop has live chat", () => {
    expect(detectSignals("do you have live chat on your website?")).not.toContain("person");
  });

  it("reads sarcastic praise of a slow reply as anger, in Vietnamese", () => {
    expect(detectSignals("Dịch vụ tuyệt vời ghê, hỏi từ hôm qua tới giờ chưa được trả lời 👏👏")).toContain(
      "frustration",
    );
  });
});

describe("Hindi: the number of whoever handles the case, and Haryanvi 'te'", () => {
  it.each([
    ["their number asked for", "jo mera case dekh rahe hain unka number mil sakta hai?"],
    [
      "their direct number, in Devanagari",
      "मेरे refund case को कौन handle कर रहा है? उनका direct number दे दीजिए।",
    ],
    [
      "a manager, in Haryanvi",
      "ram ram bhai, kisi manager te baat karwa de ek baar, mera kaam atka pada sai",
    ],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it("reads no request in a number already given", () => {
    expect(
      detectSignals("delivery boy ka number save kar liya, unka number de diya tha aapne"),
    ).not.toContain("person");
  });
});

describe("a third round of probes in six languages: typos, whoever holds the case, a call back", () => {
  it.each([
    [
      "whoever holds the parcel, in Taglish",
      "2 weeks na delayed yung parcel ko, paki-connect naman ako sa taong may hawak nito",
    ],
    ["a transfer to customer service, in Taglish", "pwede pakitransfer ako sa CS?"],
    [
      "a check by staff, 'sa staff'",
      "nabawasan na GCash ko pero unpaid pa rin yung order, pa-check naman po sa staff",
    ],
    ["someone to look personally, in Hinglish", "koi hai jo personally meri problem dekh sake?"],
    ["a talk with the admin, typed in haste", "mau ngobrl sm amdin lgsg kak"],
    [
      "the person in charge directly, in Indonesian",
      "masalahnya ribet kak, kayaknya harus dijelasin ke orangnya langsung deh",
    ],
    [
      "whoever handles refunds, in Indonesian",
      "dana refund blm masuk2, minta tolong admin yg pegang refund cek ya",
    ],
    ["a call back, in Indonesian slang", "bisa ga ada yg nelpon saya balik? males ngetik panjang"],
    ["the shop's owner, in Malay", "tauke kedai ada? nak bincang sikit"],
    [
      "the matter handed to customer service, in Thai",
      "รบกวนช่วยโอนเรื่องให้ฝ่ายบริการลูกค้าดูแลด้วยค่ะ เรื่องนี้ค่อนข้างซับซ้อน",
    ],
    [
      "anyone from the shop reading, in Vietnamese",
      "Chuyện này hơi phức tạp, có ai bên shop đọc tin nhắn để mình giải thích kỹ hơn không?",
    ],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["the courier's call, in Indonesian", "kurir tadi nelpon saya tapi saya lagi kerja"],
    ["whether anyone from the shop is there, a ping", "có ai bên shop không ạ"],
    ["thanks to the staff, in Taglish", "salamat po sa staff niyo, ang ayos ng pagkaka-pack"],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });

  it.each([
    ["a report to the platform, in Indonesian", "gw report toko lu ke shopee biar di-banned"],
    ["a report to the platform, in Malay", "aku report kedai ni kat Shopee, tunggu la"],
  ])("reads frustration: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });
});

describe("whether someone is there, stalling, and a promise quoted back", () => {
  it.each([
    ["whether the owner is there, in Japanese", "店長さんはいますか？ちょっと相談があって"],
    [
      "whether the shop's owner is there, in Japanese",
      "オーナーさんいらっしゃいますか？聞きたいことがあります",
    ],
    ["whether the owner is there, in Korean", "혹시 사장님 계신가요? 여쭤볼 게 있어서요"],
    ["anyone who can help after the bot failed, in Cantonese", "個bot唔明我講乜，有冇人可以幫我處理"],
    ["anyone who can help, in Simplified Chinese", "有没有人能帮我看一下这个订单"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["a goodbye to the owner, in Korean", "사장님 감사합니다, 안녕히 계세요"],
    [
      "a slip shrugged off with the upside-down face",
      "oops I picked the wrong colour 🙃 can I still change it?",
    ],
  ])("reads neither a person nor anger in %s", (_what, text) => {
    expect(detectSignals(text)).toEqual([]);
  });

  it.each([
    ["the store accused of stalling, in Simplified Chinese", "退款一直不给，是不是想拖死我"],
    ["the store accused of stalling, in Cantonese", "你哋係咪想拖死我，退款仲未到"],
    ["being told the same again, in English", "Please stop telling me it's being processed, it's been weeks"],
    ["a promise quoted back beside the upside-down face", "'2-day delivery' they said 🙃 now 9 days"],
    ["a promise against the wait, with ironic praise, in Cantonese", "好嘢，話三日到，而家一個星期都未見 👍"],
  ])("reads frustration: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });
});

describe("sarcasm shoppers write: a promise quoted back, laughter at the wait, praise of a broken item", () => {
  it.each([
    [
      "a promise quoted back beside a counted wait and a laugh",
      "lol 'next day delivery' they said, 8 days now",
    ],
    ["the day the wait has reached, quoted and laughed at, in Korean", "'익일 발송'이라더니 ㅋㅋ 6일째예요"],
    ["the day the wait has reached, quoted and laughed at, in Chinese", "「当天发货」哈哈 这都第7天了 😂"],
    ["the day reached, in Thai", "'ส่งของทันที' 555 วันที่ 6 แล้ว"],
    ["thanks with a thumbs-up for a cracked item", "thanks so much 👍 the vase came cracked"],
    ["praise with a thumbs-up for a wrong item, in Indonesian", "mantap 👍 pesen merah dateng salah warna"],
    ["praise with the upside-down face, in Vietnamese", "shop giỏi quá 🙃 hàng tới trễ cả tuần"],
    ["the store accused of stalling, in Thai", "จงใจถ่วงเวลาใช่ไหมคะ"],
    ["asked for the nth time, in Japanese", "何度同じ質問をさせるつもりですか"],
  ])("reads frustration: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });

  it.each([
    [
      "a quoted product name with a delivery estimate",
      'Is the "Summer Linen" dress able to arrive in 3 days?',
    ],
    ["a laugh at oneself beside a count of days", "haha I forgot I ordered it 5 days ago, where is it now?"],
    ["thanks beside a thumbs-up, nothing broken", "thank you 👍 received in good condition"],
    ["a broken item asked about calmly", "the glass came broken, can I get a replacement?"],
  ])("reads no frustration in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("frustration");
  });

  it.each([
    ["the person in charge asked to pass it up, in Japanese", "この件、上の人に回していただけますか"],
    ["a decision-maker to talk to, in Korean", "결정권 있는 분이랑 얘기하고 싶어요"],
    ["the matter passed to the supervisor, in Thai", "ช่วยส่งเรื่องให้หัวหน้าหน่อยค่ะ"],
    ["the boss's number, in Indonesian", "minta nomor bos kamu dong, mau komplain"],
    ["the case handed to the CS on duty, in Malay", "tolong bagi kat akak CS yang on duty"],
    ["fetching the manager, in Filipino", "tawagin mo nga yung manager nyo, ang tagal ng sagot"],
    [
      "the matter raised to the head of the shop, in Filipino",
      "pwede ko bang idulog ito sa head ng shop nyo?",
    ],
    ["whether the manager is present, in Hindi", "क्या मैनेजर अभी मौजूद हैं?"],
    ["a call asked for in mixed English, in Chinese", "麻烦你们 call 我一下"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it("reads no request for a person where the shopper wants no call, in Hindi", () => {
    expect(detectSignals("कॉल करने की ज़रूरत नहीं, बस पता बदल दो")).not.toContain("person");
  });
});

describe("a call refused or already had, and thanks to the staff, are not a request for a person", () => {
  it.each([
    ["no call wanted, in Simplified Chinese", "不用给我打电话了，帮我把收件人改成王女士"],
    ["no call wanted, in Cantonese", "唔使打俾我，直接幫我取消就得"],
    ["no call wanted, in Malay", "tak payah call saya, tukar alamat je"],
    [
      "a call already had, in Japanese",
      "先週お電話でスタッフの方に返品をお伝えしました。受付は完了していますか？",
    ],
    ["a call already had, in Simplified Chinese", "已经跟你们客服电话沟通过退款了，什么时候到账？"],
    [
      "a call already had, in Vietnamese",
      "mình đã gọi điện cho nhân viên hôm trước rồi, đơn đổi size xong chưa ạ",
    ],
    ["the courier's call, in Indonesian", "kurir udh telp sy tadi pagi, paketnya dianter sore ya?"],
    ["a call already had, in Thai", "เมื่อวานโทรคุยกับพนักงานเรื่องคืนของแล้ว ตอนนี้ได้รับเรื่องหรือยังคะ"],
    [
      "thanks to the staff for handling it, in Japanese",
      "担当の山田さん、迅速に対応してくださってありがとうございます",
    ],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });

  it.each([
    ["after a call that went unanswered, in Thai", "เมื่อวานโทรไปไม่มีใครรับ ขอคุยกับพนักงานค่ะ"],
    ["after a word about the bot, in English", "I already talked to your bot get me a human"],
    ["after thanks, in Japanese", "オペレーターに代わってください ありがとうございました"],
  ])("still reads a request for a person %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });
});

describe("requests buried in long or formal messages, and sarcasm about a status or a promise", () => {
  it.each([
    [
      "someone from the team to contact me, at the end of a story, in Malay",
      "parcel tak sampai lagi, semalam tunggu sampai malam, so saya nak sesiapa dari team delivery contact saya terus",
    ],
    [
      "someone put in touch, in Hinglish",
      "hub pe 5 din se pada hai, delivery wala kuch nahi bolta, kisi se mera contact karwa do bhai",
    ],
    [
      "the one in charge to talk to, in Filipino",
      "sino po yung in charge sa returns? gusto ko siya makausap",
    ],
    ["the admin's LINE asked for, in Thai", "ขอไลน์แอดมินหน่อยค่ะ จะส่งรูปให้ดู"],
    ["a staff member's Zalo, in Vietnamese", "cho em xin zalo nhân viên để gửi ảnh hàng lỗi"],
    [
      "a formal request passed on, in Indonesian",
      "Mohon agar keluhan saya diteruskan kepada petugas layanan pelanggan.",
    ],
    [
      "a complaint forwarded to a senior, in English",
      "Please forward my complaint to your senior, the parcel is a week late.",
    ],
    [
      "someone in charge asked to check, formally, in Japanese",
      "お手数ですが、責任者の方にご確認いただけますでしょうか。",
    ],
    ["a video call to show the item, in Korean", "불량 부분 영상통화로 보여드릴 수 있을까요?"],
    ["a transfer to the staff, in mixed English and Chinese", "可以帮我transfer去你们的staff吗"],
    ["the one in charge of refunds to reply directly, in Cantonese", "有冇負責退款嗰位可以直接覆我"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["a quoted promise against the day reached", '"same day shipping" they said. day 5 today.'],
    ["a quoted promise and the day reached, in Cantonese", "話「即日發貨」，而家第六日"],
    ["a quoted status laughed at", "'sedang dikemas' terus dari senin 😂"],
    ["a quoted promise with the upside-down face", "'ready to ship' daw 🙃 hanggang ngayon"],
    [
      "ironic thanks for a reply after a week, in Malay",
      "terima kasih sebab reply lepas seminggu, laju betul 👍",
    ],
    ["weeks counted in Chinese numerals beside a quoted promise", "两个礼拜了，'马上发货'呢？😂"],
    ["said again and again, in Chinese", "都说了不要了还给我发货"],
    ["asked many times, in Korean", "몇 번이나 말씀드렸는데 또 그대로네요"],
    ["asked the fourth time, in Hinglish", "chauthi baar pooch raha hu refund kab aayega"],
    ["the store reported to the marketplace, in English", "already reported your shop to shopee"],
  ])("reads frustration: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("frustration");
  });

  it.each([
    ["joy at a restock with a question", "finally restocked!! is the grey one in M available?"],
    ["a delivery time asked in Chinese numerals", "三天能到吗？"],
    ["the official number asked to avoid scams, in Indonesian", "nomor wa toko yg resmi yg mana ya?"],
    ["a manager at the shopper's own work, in Thai", "ผู้จัดการฝ่ายจัดซื้อฝากถามว่าออกใบกำกับภาษีได้ไหมคะ"],
  ])("reads no frustration and no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).toEqual([]);
  });
});

describe("a person asked for beside an everyday request", () => {
  it.each([
    [
      "a chat with the seller on Messenger, in Taglish",
      "pwede po ba sa Messenger na lang kami mag-usap ng seller?",
    ],
    ["whether an agent is there to help, in Filipino", "gusto ko po ibalik yung item, may agent po ba dito?"],
    ["a chat with the admin on WhatsApp, in Indonesian", "bisa chat via WA sama adminnya langsung ga kak?"],
    [
      "the owner spoken to directly, in formal Indonesian",
      "Apakah saya bisa berbicara langsung dengan pemilik toko?",
    ],
    ["staff asked to check, in Thai", "ยอดเงินไม่ขึ้นค่ะ รบกวนพนักงานเช็คให้หน่อย"],
    ["customer service asked to help, in Vietnamese", "có bạn CS nào hỗ trợ em đổi size được không ạ"],
    [
      "anyone, after the automatic replies failed, in Japanese",
      "返品したいけど自動返信じゃ無理そう、誰か人いませんか",
    ],
    ["the bot unable to cancel, in Simplified Chinese", "机器人取消不了，怎么办"],
  ])("reads a request for a person: %s", (_what, text) => {
    expect(detectSignals(text)).toContain("person");
  });

  it.each([
    ["the delivery staff who already checked, in Thai", "พนักงานส่งของเช็คให้แล้วค่ะ ของถึงพรุ่งนี้"],
    [
      "the delivery staff asked about, in Vietnamese",
      "nhân viên giao hàng hỗ trợ được không nếu em không có nhà",
    ],
  ])("reads no request for a person in %s", (_what, text) => {
    expect(detectSignals(text)).not.toContain("person");
  });

  it("reads frustration from a double charge and a demand to deal with it fast, in Korean", () => {
    expect(detectSignals("카드 두 번 결제됐잖아요, 빨리 처리해요")).toContain("frustration");
  });
});
