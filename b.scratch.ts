import { benchBundles } from "./bench/bundles";
console.log(await benchBundles());
