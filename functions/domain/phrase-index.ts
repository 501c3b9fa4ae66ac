/**
 * Phrase lists found in a text by scanning, all kinds and languages in one pass: V8 spends tens of milliseconds
 * compiling an alternation of thousands of Unicode phrases on first use, and scanning each list on its own read a
 * message some thirty times. The matches are a regular expression's (phrasePattern): leftmost, and at one position the
 * first phrase in its order — Latin phrases as whole words first, each group longest first.
 */
import { oldStyleTones } from "./extract";

/**
 * A letter or digit that would make a Latin phrase part of a longer word. Scripts written without spaces (Han, kana,
 * Thai) and Hangul, whose particles attach to the word before them, do not: "不要bot", "ขอคุยกับadmin" and "agent한테"
 * hold the phrase whole.
 */
const WORD_CHAR =
  "(?:(?![\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Script=Thai}])[\\p{L}\\p{N}])";
const WORDISH = new RegExp(`^${WORD_CHAR}$`, "u");

/** A phrase written in Latin letters (with digits and the punctuation inside words), matched as whole words. */
export const isLatin = (p: string) => /^[\p{Script=Latin}\p{N}\s'’.,:-]+$/u.test(p);
const toPattern = (p: string) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");

/** A phrase as matched: NFKC and one Vietnamese tone placement, as the text is; trimmed, so it can be a whole word. */
const normalisePhrase = (p: string) => oldStyleTones(p.normalize("NFKC")).trim();

/**
 * One pattern for a list of phrases: Latin phrases as whole words, the others anywhere; longest first. The index
 * finds the same matches; test/unit/signals-scanner.test.ts holds the two to each other.
 */
export function phrasePattern(phrases: readonly string[], flags: string): RegExp | null {
  const all = [...new Set(phrases.map(normalisePhrase).filter((p) => p !== ""))].sort(
    (a, b) => b.length - a.length,
  );
  const latin = all.filter(isLatin);
  const others = all.filter((p) => !isLatin(p));
  const parts = [
    ...(latin.length ? [`(?<!${WORD_CHAR})(?:${latin.map(toPattern).join("|")})(?!${WORD_CHAR})`] : []),
    ...(others.length ? [`(?:${others.map(toPattern).join("|")})`] : []),
  ];
  return parts.length ? new RegExp(parts.join("|"), flags) : null;
}

export type Span = readonly [start: number, end: number];

const SPACE = 0x20;
/**
 * The pattern's `\s` for one code unit, without a regular expression: ECMAScript's WhiteSpace (tab, vertical tab, form
 * feed, U+FEFF and the Unicode space separators, Zs) and LineTerminator characters, all of them in the BMP.
 */
const isSpace = (unit: number) =>
  unit < 0x80
    ? unit === 0x20 || (unit >= 0x09 && unit <= 0x0d)
    : unit === 0xa0 ||
      unit === 0x1680 ||
      (unit >= 0x2000 && unit <= 0x200a) ||
      unit === 0x2028 ||
      unit === 0x2029 ||
      unit === 0x202f ||
      unit === 0x205f ||
      unit === 0x3000 ||
      unit === 0xfeff;

/** Whether the code point ending just before `at` is a letter or digit (the pattern's lookbehind). */
function wordBefore(text: string, at: number): boolean {
  if (at === 0) return false;
  const low = text.charCodeAt(at - 1);
  const start =
    low >= 0xdc00 && low <= 0xdfff && at >= 2 && isHighSurrogate(text.charCodeAt(at - 2)) ? at - 2 : at - 1;
  return WORDISH.test(String.fromCodePoint(text.codePointAt(start) as number));
}
const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
/** Whether the code point starting at `at` is a letter or digit (the pattern's lookahead). */
const wordAt = (text: string, at: number) =>
  at < text.length && WORDISH.test(String.fromCodePoint(text.codePointAt(at) as number));

/**
 * The index as plain arrays, so the build can write it and a function read it back without building it on a cold
 * start (scripts/build.ts): a trie of code units, a run of whitespace one SPACE edge, from whose root one walk per
 * position of a text finds every phrase that starts there.
 */
export interface PhraseIndexData {
  readonly kinds: number;
  /** The code units phrases use, numbered from 1 in this order (0: no phrase has it). */
  readonly letters: string;
  /**
   * The edges in an open-addressing table, key node × (letters + 1) + letter: a Map of as many number keys took most
   * of the build. Slots are 2^bits; an empty slot's key is -1.
   */
  readonly bits: number;
  readonly keys: Int32Array;
  readonly children: Int32Array;
  /** Per node, the phrase that ends there (an index below), or -1. */
  readonly ending: Int32Array;
  /** Per phrase: 1 if Latin (whole words only), else 0. */
  readonly wholeWord: Uint8Array;
  /** Per phrase: its length, which orders it (with wholeWord) where two start at one place. */
  readonly length: Int32Array;
  /** Per phrase and kind (phrase × kinds + kind): a bit per language whose list holds it, 0 if none. */
  readonly languages: Uint32Array;
}

/** Every phrase occurrence in one text, in order of where it starts. */
export interface PhraseMatches {
  /** Whether a phrase of the kind, in a language of the mask, occurs. */
  has(kind: number, languages?: number): boolean;
  /** The pattern's next match at or after `from` of the kind's list in the mask's languages, or null. */
  first(kind: number, languages: number, from: number): Span | null;
  /** The pattern's matches of the kind's list in the mask's languages: leftmost, non-overlapping, first in order. */
  spans(kind: number, languages?: number): Span[];
}

/** Phrase lists by kind and language, each phrase a bit in every list that holds it. */
export interface PhraseIndex {
  scan(text: string): PhraseMatches;
  readonly data: PhraseIndexData;
}

/** Every language's bit. */
export const ALL_LANGUAGES = 0xffffffff;
const hashOf = (key: number, bits: number) => Math.imul(key, 0x9e3779b1) >>> (32 - bits);

/** Builds the index of lists[kind][language], phrases as written (normalised as the text is). At most 32 languages. */
export function buildPhraseIndex(lists: readonly (readonly (readonly string[])[])[]): PhraseIndexData {
  const kinds = lists.length;
  const numbered = new Map<number, number>();
  const phrases: [phrase: string, kind: number, language: number][] = [];
  let units = 0;
  lists.forEach((languages, kind) => {
    languages.forEach((list, language) => {
      for (const raw of list) {
        const phrase = normalisePhrase(raw);
        if (phrase === "") continue;
        phrases.push([phrase, kind, language]);
        units += phrase.length;
        for (const unit of unitsOf(phrase)) if (!numbered.has(unit)) numbered.set(unit, numbered.size + 1);
      }
    });
  });
  const letterCount = numbered.size + 1;
  const bits = Math.max(4, Math.ceil(Math.log2(units * 2 + 1)));
  const mask = (1 << bits) - 1;
  const keys = new Int32Array(mask + 1).fill(-1);
  const children = new Int32Array(mask + 1);
  const ending: number[] = [-1];
  const byNode: { wholeWord: boolean; length: number; languages: number[] }[] = [];
  for (const [phrase, kind, language] of phrases) {
    let node = 0;
    for (const unit of unitsOf(phrase)) {
      const key = node * letterCount + (numbered.get(unit) as number);
      let slot = hashOf(key, bits);
      while (keys[slot] !== key && keys[slot] !== -1) slot = (slot + 1) & mask;
      if (keys[slot] === -1) {
        keys[slot] = key;
        children[slot] = ending.length;
        ending.push(-1);
      }
      node = children[slot] as number;
    }
    // Phrases that differ only in their whitespace end at one node and match alike.
    if (ending[node] === -1) {
      ending[node] = byNode.length;
      byNode.push({ wholeWord: isLatin(phrase), length: phrase.length, languages: Array(kinds).fill(0) });
    }
    const entry = byNode[ending[node] as number] as (typeof byNode)[number];
    entry.length = Math.max(entry.length, phrase.length);
    entry.languages[kind] = ((entry.languages[kind] as number) | (1 << language)) >>> 0;
  }
  // Sized for every unit while building; the edges are fewer (shared prefixes), so the table shipped is their size.
  const edges = ending.length - 1;
  const tableBits = Math.max(4, Math.ceil(Math.log2(edges * 2 + 1)));
  const tableMask = (1 << tableBits) - 1;
  const tableKeys = new Int32Array(tableMask + 1).fill(-1);
  const tableChildren = new Int32Array(tableMask + 1);
  keys.forEach((key, i) => {
    if (key === -1) return;
    let slot = hashOf(key, tableBits);
    while (tableKeys[slot] !== -1) slot = (slot + 1) & tableMask;
    tableKeys[slot] = key;
    tableChildren[slot] = children[i] as number;
  });
  return {
    kinds,
    letters: String.fromCharCode(...numbered.keys()),
    bits: tableBits,
    keys: tableKeys,
    children: tableChildren,
    ending: Int32Array.from(ending),
    wholeWord: Uint8Array.from(byNode, (e) => (e.wholeWord ? 1 : 0)),
    length: Int32Array.from(byNode, (e) => e.length),
    languages: Uint32Array.from(byNode.flatMap((e) => e.languages)),
  };
}

const FORMAT = 1;

/**
 * The index as bytes: six 32-bit counts (format, kinds, bits, letters, nodes, phrases), then the letters as 16-bit
 * units (padded to four bytes), the table's keys and children, each node's ending, each phrase's length and languages,
 * and its whole-word flags last, so every array starts aligned.
 */
export function encodePhraseIndex(data: PhraseIndexData): Uint8Array {
  // By code unit: the letters hold the halves of surrogate pairs, which iterating the string would join.
  const letters = Uint16Array.from({ length: data.letters.length }, (_, i) => data.letters.charCodeAt(i));
  const parts = [
    Int32Array.of(FORMAT, data.kinds, data.bits, letters.length, data.ending.length, data.length.length),
    letters.length % 2 ? Uint16Array.from([...letters, 0]) : letters,
    data.keys,
    data.children,
    data.ending,
    data.length,
    data.languages,
    data.wholeWord,
  ];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), at);
    at += part.byteLength;
  }
  return bytes;
}

/** The index from encodePhraseIndex's bytes: views on one aligned copy, nothing rebuilt. */
export function decodePhraseIndex(source: Uint8Array): PhraseIndexData {
  const buffer = new Uint8Array(source).buffer;
  const [format, kinds, bits, letterCount, nodes, phrases] = new Int32Array(
    buffer,
    0,
    6,
  ) as unknown as number[];
  if (format !== FORMAT) throw new Error(`phrase index format ${format}, expected ${FORMAT}`);
  let at = 24;
  const take = <T>(make: (offset: number) => T, bytes: number): T => {
    const view = make(at);
    at += bytes;
    return view;
  };
  const letters = take((o) => new Uint16Array(buffer, o, letterCount as number), (letterCount as number) * 2);
  at += (letterCount as number) % 2 ? 2 : 0;
  const slots = 2 ** (bits as number);
  return {
    kinds: kinds as number,
    bits: bits as number,
    letters: String.fromCharCode(...letters),
    keys: take((o) => new Int32Array(buffer, o, slots), slots * 4),
    children: take((o) => new Int32Array(buffer, o, slots), slots * 4),
    ending: take((o) => new Int32Array(buffer, o, nodes as number), (nodes as number) * 4),
    length: take((o) => new Int32Array(buffer, o, phrases as number), (phrases as number) * 4),
    languages: take(
      (o) => new Uint32Array(buffer, o, (phrases as number) * (kinds as number)),
      (phrases as number) * (kinds as number) * 4,
    ),
    wholeWord: take((o) => new Uint8Array(buffer, o, phrases as number), phrases as number),
  };
}

/** A phrase's code units, a run of whitespace as one SPACE. */
function unitsOf(phrase: string): number[] {
  const units: number[] = [];
  for (let i = 0; i < phrase.length; i++) {
    const unit = phrase.charCodeAt(i);
    if (!isSpace(unit)) units.push(unit);
    else if (units.at(-1) !== SPACE) units.push(SPACE);
  }
  return units;
}

/** The index of phrase lists by kind and language: built now, or read from what the build wrote. */
export function phraseIndex(
  lists: readonly (readonly (readonly string[])[])[] | PhraseIndexData,
): PhraseIndex {
  const data = Array.isArray(lists) ? buildPhraseIndex(lists) : (lists as PhraseIndexData);
  const { kinds, bits, keys, children, ending, wholeWord, length, languages } = data;
  const mask = (1 << bits) - 1;
  const letterCount = data.letters.length + 1;
  const letters = new Uint16Array(0x10000);
  for (let i = 0; i < data.letters.length; i++) letters[data.letters.charCodeAt(i)] = i + 1;
  const child = (node: number, letter: number) => {
    const key = node * letterCount + letter;
    let slot = hashOf(key, bits);
    while (keys[slot] !== key && keys[slot] !== -1) slot = (slot + 1) & mask;
    return keys[slot] === key ? (children[slot] as number) : -1;
  };
  /** Whether phrase `a` goes before `b` in the pattern's order: a whole-word phrase first, then the longer. */
  const goesBefore = (a: number, b: number) =>
    wholeWord[a] !== wholeWord[b] ? wholeWord[a] === 1 : (length[a] as number) > (length[b] as number);
  return {
    data,
    scan(text) {
      const starts: number[] = [];
      const ends: number[] = [];
      const found: number[] = [];
      // Per kind, the languages with a phrase in the text: most questions are answered by this alone.
      const present = new Uint32Array(kinds);
      for (let start = 0; start < text.length; start++) {
        let node = 0;
        let at = start;
        let before: boolean | undefined;
        while (at < text.length) {
          const unit = text.charCodeAt(at);
          const space = isSpace(unit);
          const letter = letters[space ? SPACE : unit] as number;
          node = letter === 0 ? -1 : child(node, letter);
          if (node < 0) break;
          at++;
          // Greedy and never given back: a phrase's whitespace is one run, and what follows it is not whitespace.
          if (space) while (at < text.length && isSpace(text.charCodeAt(at))) at++;
          const phrase = ending[node] as number;
          if (phrase < 0) continue;
          if (wholeWord[phrase] === 1) {
            before ??= wordBefore(text, start);
            if (before || wordAt(text, at)) continue;
          }
          starts.push(start);
          ends.push(at);
          found.push(phrase);
          for (let kind = 0; kind < kinds; kind++)
            present[kind] = (present[kind] as number) | (languages[phrase * kinds + kind] as number);
        }
      }
      const inList = (i: number, kind: number, mask: number) =>
        ((languages[(found[i] as number) * kinds + kind] as number) & mask) !== 0;
      const first = (kind: number, mask: number, from: number): Span | null => {
        let best = -1;
        for (let i = 0; i < found.length; i++) {
          const start = starts[i] as number;
          if (start < from || !inList(i, kind, mask)) continue;
          // Matches are in order of start: past the first start that has one, nothing comes before it.
          if (best >= 0 && start !== starts[best]) break;
          if (best < 0 || goesBefore(found[i] as number, found[best] as number)) best = i;
        }
        return best < 0 ? null : [starts[best] as number, ends[best] as number];
      };
      return {
        has: (kind, mask = ALL_LANGUAGES) => ((present[kind] as number) & mask) !== 0,
        first,
        spans(kind, mask = ALL_LANGUAGES) {
          const spans: Span[] = [];
          if (((present[kind] as number) & mask) === 0) return spans;
          let from = 0;
          for (let i = 0; i < found.length; ) {
            const start = starts[i] as number;
            let best = -1;
            for (; i < found.length && starts[i] === start; i++)
              if (
                inList(i, kind, mask) &&
                (best < 0 || goesBefore(found[i] as number, found[best] as number))
              )
                best = i;
            if (best >= 0 && start >= from) {
              from = ends[best] as number;
              spans.push([start, from]);
            }
          }
          return spans;
        },
      };
    },
  };
}

/** A phrase list read like a regular expression, one match at a time. */
export interface PhraseScanner {
  /** The next match at or after `from`, or null. */
  next(text: string, from: number): Span | null;
}

/** The scanner of one phrase list: the same matches as phrasePattern(phrases, "gu"). */
export function phraseScanner(phrases: readonly string[]): PhraseScanner {
  const index = phraseIndex([[phrases]]);
  // Reading matches one by one asks about the same text again; it is scanned once.
  let last: { text: string; matches: PhraseMatches } | undefined;
  return {
    next(text, from) {
      if (last?.text !== text) last = { text, matches: index.scan(text) };
      return last.matches.first(0, ALL_LANGUAGES, from);
    },
  };
}
