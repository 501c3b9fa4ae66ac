/** Script evidence: Thai, Hangul, kana, Devanagari and Han decide the language before any statistics do. */
import type { DetectorScript } from "../../domain/languages";

/** Letters of each script the language catalogue's detection rules name (domain/languages.ts). */
export type ScriptCounts = Readonly<Record<DetectorScript, number>>;

export function countScripts(text: string): ScriptCounts {
  let thai = 0,
    hangul = 0,
    kana = 0,
    devanagari = 0,
    han = 0,
    latin = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x0e00 && c <= 0x0e7f) thai++;
    else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f))
      hangul++;
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff)) kana++;
    else if (c >= 0x0900 && c <= 0x097f) devanagari++;
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff))
      han++;
    else if (/\p{Script=Latin}/u.test(ch)) latin++;
  }
  return { thai, hangul, kana, devanagari, han, latin };
}

// Frequent characters that differ between the two Chinese scripts; enough to tell a chat message's script apart.
const TRADITIONAL = new Set(
  Array.from(
    "們這個單號貨訂為麼還時會說請問謝東買賣錢發寄運費過實說話對開關幫與從來點後裡嗎該應當經間題處換設將無寫讀讓樣",
  ),
);
const SIMPLIFIED = new Set(
  Array.from(
    "们这个单号货订为么还时会说请问谢东买卖钱发运费过实话对开关帮与从点后里吗该应当经间题处换设将无写读让样",
  ),
);

/** Positive when the Han text leans Traditional, negative when Simplified, 0 when it cannot tell. */
export function hanLean(text: string): number {
  let lean = 0;
  for (const ch of text) {
    if (TRADITIONAL.has(ch) && !SIMPLIFIED.has(ch)) lean++;
    else if (SIMPLIFIED.has(ch) && !TRADITIONAL.has(ch)) lean--;
  }
  return lean;
}
