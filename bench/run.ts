/** `npm run bench`: every benchmark, each next to a baseline measured in the same run. */
import { benchBundles } from "./bundles";
import { benchClassifier, benchEngine } from "./engine";
import { intentAccuracy } from "./intent-accuracy";
import { benchLangid } from "./langid";
import { benchNluEval, nluEval } from "./nlu-eval";
import { benchBitext } from "./bitext";
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
const bitext = benchBitext();
section("shopper understanding, third-party set (test/fixtures/bitext: never trained on)", bitext.text);
{
  const rows = nluEval();
  const n = rows.reduce((a, r) => a + r.n, 0);
  const topic = rows.reduce((a, r) => a + r.topic, 0);
  const worst = rows.reduce((w, r) => (r.topic / r.n < w.topic / w.n ? r : w));
  const recall = (pick: (r: (typeof rows)[number]) => readonly [number, number]): [number, number] => [
    rows.reduce((a, r) => a + pick(r)[0], 0),
    rows.reduce((a, r) => a + pick(r)[1], 0),
  ];
  const frustration = recall((r) => r.frustration);
  const person = recall((r) => r.person);
  goals.push(
    {
      what: "NLU frozen set: topic, overall",
      goal: "≥ 95%",
      figure: `${fmt((100 * topic) / n)}%`,
      met: topic / n >= 0.95,
    },
    {
      what: "NLU frozen set: topic, worst language",
      goal: "≥ 92%",
      figure: `${fmt((100 * worst.topic) / worst.n)}% (${worst.language})`,
      met: worst.topic / worst.n >= 0.92,
    },
    {
      what: "NLU frozen set: frustration / person recall",
      goal: "100%",
      figure: `${frustration[0]}/${frustration[1]}, ${person[0]}/${person[1]}`,
      met: frustration[0] === frustration[1] && person[0] === person[1],
    },
    {
      what: "Bitext (English, mapped intents)",
      goal: "≥ 90%",
      figure: `${fmt(100 * bitext.accuracy)}%`,
      met: bitext.accuracy >= 0.9,
    },
  );
}
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
section("goals", goalTable(goals));
