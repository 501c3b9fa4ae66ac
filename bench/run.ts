/** `npm run bench`: every benchmark, each next to a baseline measured in the same run. */
import { benchBundles } from "./bundles";
import { benchClassifier, benchEngine } from "./engine";
import { intentAccuracy } from "./intent-accuracy";
import { benchLangid } from "./langid";
import { benchNluEval } from "./nlu-eval";
import { benchInbox } from "./inbox";
import { benchMessages } from "./messages";
import { benchMarketplaces } from "./marketplaces";
import { benchBursts } from "./bursts";
import { benchModel } from "./model";
import { benchShopify } from "./shopify";
import { benchKnowledgeAccuracy, benchKnowledgeSpeed } from "./knowledge";
import { goals, goalTable } from "./goals";
import { fmt } from "./stats";

const section = (title: string, body: string) => console.log(`\n== ${title}\n${body}`);

section("embedded engine", `${benchEngine(goals)}\n${benchClassifier()}`);
const rows = intentAccuracy();
const total = rows.reduce((a, r) => a + r.total, 0);
const correct = rows.reduce((a, r) => a + r.correct, 0);
section(
  "intent accuracy (held-out: every fifth utterance, model trained in memory on the rest)",
  [
    ...rows.map(
      (r) =>
        `${r.language.padEnd(8)} ${fmt((100 * r.correct) / r.total).padStart(5)}%  (unknown ${r.unknown}, wrong ${r.wrong} of ${r.total})`,
    ),
    `all      ${fmt((100 * correct) / total)}%  (wrong ${rows.reduce((a, r) => a + r.wrong, 0)} of ${total})`,
  ].join("\n"),
);
section(
  "shopper understanding, frozen test set (test/fixtures/nlu-eval: never tuned on)",
  benchNluEval("eval"),
);
section("shopper understanding, development set (test/fixtures/nlu-dev: tuned on)", benchNluEval("dev"));
section("language detection", benchLangid());
section(
  "store knowledge (test/fixtures/knowledge-eval; synthetic shop of 2,000 articles + 20,000 products)",
  `${benchKnowledgeAccuracy()}\n${benchKnowledgeSpeed()}`,
);
section("model usage", await benchModel());
section("HTTP", await benchMessages(goals));
section("escalations and inbox", await benchInbox());
section("Shopify webhooks", await benchShopify());
section("marketplace pushes", await benchMarketplaces());
section("chat app bursts (answered once)", await benchBursts());
section("Lambda bundles", await benchBundles(goals));
// Last, in one place: every goal with its figure and the baseline measured in this same run.
section("goals (issue #21)", goalTable(goals));
