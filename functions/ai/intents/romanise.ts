/**
 * Devanagari spelled the way Hindi speakers type it in Latin letters ("कब आएगा" → "kab aega"), so a message written in
 * either script shares features with training data written in the other.
 */

const CONSONANTS: Readonly<Record<string, string>> = {
  क: "k",
  ख: "kh",
  ग: "g",
  घ: "gh",
  ङ: "n",
  च: "ch",
  छ: "chh",
  ज: "j",
  झ: "jh",
  ञ: "n",
  ट: "t",
  ठ: "th",
  ड: "d",
  ढ: "dh",
  ण: "n",
  त: "t",
  थ: "th",
  द: "d",
  ध: "dh",
  न: "n",
  प: "p",
  // English loanwords (रिफंड, फ्री, फेक) are most of the फ in shop chat.
  फ: "f",
  ब: "b",
  भ: "bh",
  म: "m",
  य: "y",
  र: "r",
  ल: "l",
  // Chat Hindi writes व as "w" in its commonest words (wala, wapas, waise).
  व: "w",
  श: "sh",
  ष: "sh",
  स: "s",
  ह: "h",
};

/** Consonants with a nukta: the Perso-Arabic and flapped sounds, typed as their own Latin letters. */
const NUKTA: Readonly<Record<string, string>> = {
  क: "k",
  ख: "kh",
  ग: "g",
  ज: "z",
  ड: "r",
  ढ: "rh",
  फ: "f",
};

const VOWELS: Readonly<Record<string, string>> = {
  अ: "a",
  आ: "a",
  इ: "i",
  ई: "i",
  उ: "u",
  ऊ: "u",
  ऋ: "ri",
  ए: "e",
  ऐ: "ai",
  ओ: "o",
  औ: "au",
  ऑ: "o",
  ऍ: "e",
};

// Long and short vowels are one letter each: chat spelling does not tell them apart reliably ("baat", "bat").
const SIGNS: Readonly<Record<string, string>> = {
  "\u093e": "a",
  "\u093f": "i",
  "\u0940": "i",
  "\u0941": "u",
  "\u0942": "u",
  "\u0943": "ri",
  "\u0947": "e",
  "\u0948": "ai",
  "\u094b": "o",
  "\u094c": "au",
  "\u0949": "o",
  "\u0945": "e",
};

const VIRAMA = "\u094d";
const NUKTA_SIGN = "\u093c";
const NASAL: Readonly<Record<string, string>> = { "\u0902": "n", "\u0901": "n", "\u0903": "h" };

const DEVANAGARI = /\p{Script=Devanagari}/u;

/** A consonant with the vowel that follows it: its own sign, the inherent "a", or none (virama). */
interface Unit {
  readonly letters: string;
  vowel: string | "inherent" | "none";
}

/** Whether the text has Devanagari worth spelling in Latin letters. */
export const hasDevanagari = (text: string): boolean => DEVANAGARI.test(text);

/** One word of Devanagari in chat Latin spelling, with Hindi's schwa deletion ("करना" → "karna", "कब" → "kab"). */
function romaniseWord(word: string): string {
  const units: (Unit | string)[] = [];
  const chars = Array.from(word);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const last = units.at(-1);
    if (CONSONANTS[ch] !== undefined) {
      const nukta = chars[i + 1] === NUKTA_SIGN;
      if (nukta) i++;
      units.push({
        letters: (nukta ? NUKTA[ch] : undefined) ?? (CONSONANTS[ch] as string),
        vowel: "inherent",
      });
    } else if (SIGNS[ch] !== undefined && typeof last === "object") last.vowel = SIGNS[ch] as string;
    else if (ch === VIRAMA && typeof last === "object") last.vowel = "none";
    else if (VOWELS[ch] !== undefined) units.push(VOWELS[ch] as string);
    else if (NASAL[ch] !== undefined) units.push(NASAL[ch] as string);
    else if (ch !== NUKTA_SIGN) units.push(ch);
  }
  // The inherent vowel is silent at a word's end, and between a voiced syllable and one that keeps its vowel; the rule
  // runs from the end of the word, as Hindi's schwa deletion does ("समझना" → "samajhna", "कमल" → "kamal").
  for (let i = units.length - 1; i > 0; i--) {
    const unit = units[i];
    if (typeof unit !== "object" || unit.vowel !== "inherent") continue;
    const next = units[i + 1];
    const previous = units[i - 1];
    const previousVoiced =
      typeof previous === "string" || (previous !== undefined && previous.vowel !== "none");
    if (next === undefined) unit.vowel = "none";
    else if (previousVoiced && typeof next === "object" && next.vowel !== "none") unit.vowel = "none";
  }
  return units
    .map((u) =>
      typeof u === "string"
        ? u
        : u.letters + (u.vowel === "none" ? "" : u.vowel === "inherent" ? "a" : u.vowel),
    )
    .join("");
}

/** The text with every Devanagari word spelled in Latin letters; other words are kept as they are. */
export function romaniseDevanagari(text: string): string {
  return text.replace(/[\p{Script=Devanagari}\p{M}]+/gu, (word) => romaniseWord(word));
}
