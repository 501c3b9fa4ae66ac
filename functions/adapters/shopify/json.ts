/**
 * Parses Shopify's REST-style JSON keeping every integer of 16 or more digits as a string: order, customer and
 * line ids exceed 2^53 and JSON.parse would silently change them.
 */
export function parseShopifyJson(raw: string): unknown {
  let out = "";
  let inString = false;
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i] as string;
    if (inString) {
      out += ch;
      if (ch === "\\") {
        out += raw[i + 1] ?? "";
        i += 2;
        continue;
      }
      if (ch === '"') inString = false;
      i++;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      i++;
      continue;
    }
    if (ch === "-" || (ch >= "0" && ch <= "9")) {
      let j = i + 1;
      while (j < raw.length && /[0-9.eE+-]/.test(raw[j] as string)) j++;
      const token = raw.slice(i, j);
      out += /^-?\d{16,}$/.test(token) ? `"${token}"` : token;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return JSON.parse(out);
}
