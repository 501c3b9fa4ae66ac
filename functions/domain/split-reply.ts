/**
 * A reply longer than a channel accepts, as several messages sent in order: cut between sentences (Intl.Segmenter
 * in the reply's language), never inside a word, and the last paragraph (the AI disclosure) kept whole in the last
 * part.
 */

/** Length as the channels count it, at its strictest: UTF-16 code units (never fewer than the characters shown). */
const size = (text: string) => text.length;

function segments(text: string, granularity: "sentence" | "word", locale: string | undefined): string[] {
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(locale, { granularity });
  } catch {
    segmenter = new Intl.Segmenter(undefined, { granularity });
  }
  return [...segmenter.segment(text)].map((s) => s.segment);
}

/** Pieces of `text` no longer than `max`: whole words where a word fits, else whole characters. */
function byWords(text: string, max: number, locale: string | undefined): string[] {
  const out: string[] = [];
  for (const word of segments(text, "word", locale)) {
    if (size(word) <= max) {
      out.push(word);
      continue;
    }
    // A single "word" longer than a whole message (a long link): cut between characters, never inside one.
    let piece = "";
    for (const ch of word) {
      if (size(piece + ch) > max) {
        out.push(piece);
        piece = "";
      }
      piece += ch;
    }
    if (piece) out.push(piece);
  }
  return out;
}

/** Packs consecutive pieces into parts of at most `max`, trimming the whitespace at each cut. */
function pack(pieces: readonly string[], max: number): string[] {
  const parts: string[] = [];
  let current = "";
  for (const piece of pieces) {
    if (current && size((current + piece).trimEnd()) > max) {
      parts.push(current.trim());
      current = piece.trimStart();
    } else {
      current += piece;
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts.filter((p) => p.length > 0);
}

/**
 * `text` as messages of at most `maxChars` each, in order; the whole text when it fits or the channel has no limit.
 * `locale` is the reply's language (a BCP 47 tag), which decides where its sentences and words end.
 */
export function splitReply(text: string, maxChars: number | null, locale?: string): string[] {
  if (maxChars === null || size(text) <= maxChars) return [text];
  const cut = text.lastIndexOf("\n\n");
  const tail = cut >= 0 ? text.slice(cut) : "";
  // The last paragraph travels whole (it is the AI disclosure on an AI reply) when it fits in one message.
  const keepTail = tail.trim().length > 0 && size(tail.trim()) <= maxChars;
  const head = keepTail ? text.slice(0, cut) : text;
  const pieces = segments(head, "sentence", locale).flatMap((sentence) =>
    size(sentence.trim()) <= maxChars ? [sentence] : byWords(sentence, maxChars, locale),
  );
  return pack(keepTail ? [...pieces, tail] : pieces, maxChars);
}
