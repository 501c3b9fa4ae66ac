import { benchMessages } from "./bench/messages";
console.log(await benchMessages([]));
process.exit(0);
