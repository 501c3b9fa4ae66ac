/**
 * Traditional Chinese read also as Simplified ("訂單" as "订单"), so Taiwan's and Hong Kong's messages share features
 * with training data written in Simplified characters and the other way round. The character table
 * (han-simplified.json beside it) is generated from OpenCC by scripts/han-map.ts and read from its file on first use.
 */
import { readFileSync } from "node:fs";
import { dataFileUrl } from "./data-file";

const TABLE_FILE = dataFileUrl("han-simplified.json", "han-simplified.json");

const HAN = /[\u4e00-\u9fff]/;
// Kana mark Japanese, whose kanji are neither Taiwan's nor China's forms: left as written.
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

let table: Map<string, string> | undefined;
function simplifiedOf(): Map<string, string> {
  if (table) return table;
  const { pairs } = JSON.parse(readFileSync(TABLE_FILE, "utf8")) as { pairs: string };
  table = new Map();
  for (let i = 0; i + 1 < pairs.length; i += 2) table.set(pairs[i] as string, pairs[i + 1] as string);
  return table;
}

/** The text in Simplified characters, or null when that changes nothing (Simplified already, Japanese, no Han). */
export function simplifiedChinese(text: string): string | null {
  if (!HAN.test(text) || KANA.test(text)) return null;
  const map = simplifiedOf();
  let changed = false;
  let out = "";
  for (const ch of text) {
    const simplified = map.get(ch);
    if (simplified !== undefined) changed = true;
    out += simplified ?? ch;
  }
  return changed ? out : null;
}
