/**
 * Whether a shopper asks for the tracking details to be sent again, in any language: the phrases of the
 * `resend_tracking` action (issue #19), apart from the phrasebook because they are code as much as words.
 */
import type { Language } from "./languages";
import { type PhraseScanner, phraseScanner } from "./phrase-index";

/**
 * Asking for something to be sent again ("resend", "kirim ulang", "ส่งใหม่", "gửi lại", "再送", "다시 보내", "重新发送"),
 * per language; read together with a tracking word, it asks for the `resend_tracking` action (issue #19).
 */
export const RESEND_PHRASES: Record<Language, readonly string[]> = {
  en: [
    "resend",
    "re-send",
    "send again",
    "send it again",
    "send me again",
    "send them again",
    "forward again",
  ],
  id: [
    "kirim ulang",
    "kirimin ulang",
    "kirimkan ulang",
    "kirim lagi",
    "kirimin lagi",
    "kirimkan lagi",
    "dikirim ulang",
  ],
  ms: ["hantar semula", "hantar lagi", "hantar balik", "send semula", "send balik"],
  // "Again" alone is enough beside a tracking word: "ขอเลขพัสดุอีกครั้ง" asks for the number once more.
  th: ["ส่งใหม่", "ส่งอีกครั้ง", "ส่งอีกที", "ส่งมาใหม่", "ส่งให้ใหม่", "อีกครั้ง", "อีกที"],
  vi: ["gửi lại", "gởi lại", "gui lai", "gửi thêm lần nữa"],
  fil: [
    "ipadala ulit",
    "ipadala muli",
    "padala ulit",
    "send ulit",
    "i-send ulit",
    "pakisend ulit",
    "pa-resend",
  ],
  "zh-Hans": ["重新发送", "重新发", "重发", "再发一次", "再发一遍", "再发给我", "再寄一次"],
  "zh-Hant": ["重新發送", "重新傳送", "重新發", "重發", "再發一次", "再傳一次", "再發給我", "再寄一次"],
  ja: ["再送", "もう一度送", "もう一度お送り", "再度送", "再度お送り"],
  ko: ["다시 보내", "다시 전송", "재발송", "재전송"],
  hi: ["dobara bhej", "dubara bhej", "phir se bhej", "fir se bhej", "फिर से भेज", "दोबारा भेज", "दुबारा भेज"],
};

/** What names the tracking details in each language: "tracking", "resi", "เลขพัสดุ", "mã vận đơn", "追跡", "송장", "物流单号". */
export const TRACKING_WORDS: Record<Language, readonly string[]> = {
  en: ["tracking", "tracking number", "tracking link", "tracking details", "awb"],
  id: ["resi", "nomor resi", "no resi", "pelacakan", "tracking"],
  ms: ["penjejakan", "nombor tracking", "tracking", "nombor pengesanan"],
  th: ["เลขพัสดุ", "เลขแทร็ก", "ติดตามพัสดุ", "เลขติดตาม", "tracking"],
  vi: ["mã vận đơn", "mã theo dõi", "theo dõi đơn", "tracking"],
  fil: ["tracking", "tracking number", "tracking link"],
  "zh-Hans": ["物流单号", "快递单号", "运单号", "物流信息", "追踪号", "跟踪号", "物流"],
  "zh-Hant": ["物流單號", "快遞單號", "運單號", "物流資訊", "物流資料", "追蹤號", "追蹤編號", "物流"],
  ja: ["追跡番号", "追跡", "お問い合わせ番号", "伝票番号"],
  ko: ["송장", "운송장", "배송 조회", "추적 번호", "트래킹"],
  hi: ["tracking", "ट्रैकिंग"],
};

let scanners: { resend: PhraseScanner; tracking: PhraseScanner } | undefined;
// Scanned, not one alternation: V8 compiled that Unicode alternation on a cold start's first message. Built on first use.
const phrases = () =>
  (scanners ??= {
    resend: phraseScanner(Object.values(RESEND_PHRASES).flat()),
    tracking: phraseScanner(Object.values(TRACKING_WORDS).flat()),
  });
/** "send … again" with words between ("send me the tracking link again"), within one sentence. */
const SEND_AGAIN = /(?<![\p{L}\p{N}])send\b[^.!?。！？\n]{0,40}?\bagain(?![\p{L}\p{N}])/iu;

/**
 * Whether the shopper asks for the tracking details to be sent again, in any language: a resend phrase and a
 * tracking word both (a bare "send it again" may mean the parcel itself, which is a person's matter).
 */
export const asksToResendTracking = (text: string): boolean => {
  // The scanner matches as written: phrases are lower case, so the text is too ("Resend", "AWB").
  const t = text.normalize("NFKC").toLowerCase();
  const { resend, tracking } = phrases();
  return (resend.next(t, 0) !== null || SEND_AGAIN.test(t)) && tracking.next(t, 0) !== null;
};
