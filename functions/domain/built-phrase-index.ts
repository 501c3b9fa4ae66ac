/**
 * The phrase index the build wrote beside a bundle (scripts/build.ts replaces this module with one that reads it):
 * in the source there is none, and signals.ts builds the index from the phrasebook on first use.
 */
export const builtPhraseIndex = (): Uint8Array | undefined => undefined;
