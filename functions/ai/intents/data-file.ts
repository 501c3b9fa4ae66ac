/** Where the classifier's data files are: beside the code in a Lambda bundle (scripts/build.ts copies them), else here. */

/** Defined by the build in a Lambda bundle. */
declare const __LAMBDA_BUNDLE__: boolean | undefined;

/** The data file `bundled` (./data/…) in a bundle, or `source` beside this folder's modules in the repository. */
export const dataFileUrl = (bundled: string, source: string): URL =>
  typeof __LAMBDA_BUNDLE__ !== "undefined"
    ? new URL(`./data/${bundled}`, import.meta.url)
    : new URL(`./${source}`, import.meta.url);
