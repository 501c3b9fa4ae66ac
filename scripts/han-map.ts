/**
 * `npx tsx scripts/han-map.ts`: writes functions/ai/intents/han-simplified.json, each Traditional Chinese character
 * (Taiwan and Hong Kong standards) with its Simplified form, from OpenCC (opencc-js, a dev dependency), so the classifier
 * reads "訂單" also as "订单" without shipping OpenCC's dictionaries.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as OpenCC from "opencc-js";

export const HAN_MAP_FILE = join(import.meta.dirname, "../functions/ai/intents/han-simplified.json");

/** Every character of the CJK Unified Ideographs block that OpenCC simplifies to one other character of the block. */
export function simplifiedPairs(): string {
  const converters = [OpenCC.Converter({ from: "tw", to: "cn" }), OpenCC.Converter({ from: "hk", to: "cn" })];
  const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
  let pairs = "";
  for (let code = 0x4e00; code <= 0x9fff; code++) {
    const traditional = String.fromCharCode(code);
    // A character China's standard writes is left alone, though OpenCC maps a few ("么" → "幺") as variants.
    if (toTraditional(traditional) !== traditional) continue;
    const simplified = converters.map((convert) => convert(traditional)).find((s) => s !== traditional);
    if (simplified && simplified.length === 1 && /[\u4e00-\u9fff]/.test(simplified))
      pairs += traditional + simplified;
  }
  return pairs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pairs = simplifiedPairs();
  writeFileSync(
    HAN_MAP_FILE,
    `${JSON.stringify({ source: "opencc-js tw→cn and hk→cn, one character each", pairs })}\n`,
  );
  console.log(`${HAN_MAP_FILE}: ${pairs.length / 2} characters`);
}
