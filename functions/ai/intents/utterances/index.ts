/** The versioned training utterances, one file per language: build-time input of npm run train, never bundled. */
import type { Language } from "../../../domain/languages";
import type { Utterances } from "../model";
import en from "./en.json";
import fil from "./fil.json";
import hi from "./hi.json";
import id from "./id.json";
import ja from "./ja.json";
import ko from "./ko.json";
import ms from "./ms.json";
import th from "./th.json";
import vi from "./vi.json";
import zhHans from "./zh-Hans.json";
import zhHant from "./zh-Hant.json";

export const UTTERANCES: Readonly<Record<Language, Utterances>> = {
  en,
  id,
  ms,
  th,
  vi,
  fil,
  "zh-Hans": zhHans,
  "zh-Hant": zhHant,
  ja,
  ko,
  hi,
};
