/** What the chat apps (WhatsApp, Messenger, LINE) share when sending: length limits and the customer-service window. */

/**
 * Splits a text into pieces of at most `max` characters (code points), at a line break or space where one is near,
 * so a reply longer than the channel takes still arrives whole. The outbound worker usually splits first.
 */
export function chunkText(text: string, max: number): string[] {
  const chars = [...text];
  const out: string[] = [];
  let start = 0;
  while (chars.length - start > max) {
    let cut = start + max;
    const window = chars.slice(start, cut).join("");
    const at = Math.max(window.lastIndexOf("\n"), window.lastIndexOf(" "));
    // Only a break in the second half is worth it; otherwise cut hard.
    if (at > window.length / 2) cut = start + [...window.slice(0, at)].length + 1;
    out.push(chars.slice(start, cut).join("").trimEnd());
    start = cut;
  }
  out.push(chars.slice(start).join(""));
  return out.filter((piece) => piece.length > 0);
}

/** True when the shopper last wrote more than `hours` ago (unknown counts as open: the AI answers right away). */
export function windowClosed(
  lastShopperMessageAt: string | null | undefined,
  hours: number,
  now: Date,
): boolean {
  if (!lastShopperMessageAt) return false;
  const last = Date.parse(lastShopperMessageAt);
  return Number.isFinite(last) && now.getTime() - last > hours * 3600_000;
}
