/**
 * The languages now live in the catalogue, ./languages.ts. This module keeps the old names for imports not yet moved
 * there: LANGUAGES here is the list of codes (LANGUAGE_CODES), not the catalogue.
 */
export { LANGUAGE_CODES as LANGUAGES, type Language, isLanguage, localeFor } from "./languages";
