/**
 * Store knowledge (issue #17). Accuracy on the frozen evaluation set (test/fixtures/knowledge-eval: a shop's articles,
 * products and policy, and questions per language each labelled with the source that answers it and the fact the answer
 * must carry, plus questions nothing answers), and speed on a synthetic shop at the limits (2,000 articles, 20,000
 * products): index build time and memory, snapshot size and load time, retrieval p50/p99 on one core.
 *
 * `npx tsx bench/knowledge.ts` runs it alone; `npm run bench` runs it with the rest.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { createTranslator } from "../functions/adapters/i18n/translator";
import { KnowledgeIndex } from "../functions/ai/knowledge/search-index";
import type { Article, KnowledgeContent, Policy, Product, SourceRef } from "../functions/domain/knowledge";
import { buildKnowledgeAnswer } from "../functions/domain/knowledge-answer";
import type { Language } from "../functions/domain/languages";
import type { MarketCode } from "../functions/domain/markets";
import { fmt, percentile } from "./stats";

const DIR = join(import.meta.dirname, "../test/fixtures/knowledge-eval");

interface Answerable {
  readonly question: string;
  readonly sources: readonly SourceRef[];
  readonly fact: string;
  readonly market?: MarketCode;
}
interface EvalFile {
  readonly language: Language;
  readonly market: MarketCode;
  readonly answerable: readonly Answerable[];
  readonly unanswerable: readonly string[];
}

/** The evaluation shop and its questions, one file per language. */
export function loadKnowledgeEval() {
  const shop = JSON.parse(readFileSync(join(DIR, "shop.json"), "utf8")) as {
    articles: Article[];
    products: Product[];
    policies: Policy[];
  };
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith(".json") && f !== "shop.json")
    .map((f) => JSON.parse(readFileSync(join(DIR, f), "utf8")) as EvalFile);
  return { shop, files };
}

/** Spaces of every kind (Intl puts no-break spaces in prices) compare as one. */
const normal = (text: string) => text.normalize("NFKC").replace(/\s+/gu, " ").toLowerCase();
const isOneOf = (source: SourceRef | undefined, sources: readonly SourceRef[]) =>
  source !== undefined && sources.some((s) => s.type === source.type && s.id === source.id);

export interface KnowledgeEvalRow {
  readonly language: string;
  readonly answerable: number;
  /** The labelled source is the first passage retrieved. */
  readonly top1: number;
  /** Answered, from a labelled source, with the expected fact in the text. */
  readonly rightFact: number;
  readonly unanswerable: number;
  /** Questions nothing answers that got an answer anyway: must be 0. */
  readonly invented: number;
  readonly misses: readonly string[];
}

/** Runs the evaluation set through retrieval and the answer builder, as the pipeline and POST /v1/knowledge/ask do. */
export function knowledgeEval(): KnowledgeEvalRow[] {
  const { shop, files } = loadKnowledgeEval();
  const index = KnowledgeIndex.build({ version: 1, ...shop });
  const t = createTranslator();
  return files
    .sort((a, b) => a.language.localeCompare(b.language))
    .map((file) => {
      let top1 = 0;
      let rightFact = 0;
      let invented = 0;
      const misses: string[] = [];
      for (const item of file.answerable) {
        const market = item.market ?? file.market;
        const passages = index.search(item.question, { market, language: file.language });
        if (isOneOf(passages[0]?.source, item.sources)) top1++;
        const answer = buildKnowledgeAnswer(t, passages, {
          question: item.question,
          market,
          language: file.language,
        });
        if (
          answer.answered &&
          isOneOf(answer.sources[0], item.sources) &&
          normal(answer.text).includes(normal(item.fact))
        )
          rightFact++;
        else
          misses.push(
            `${item.question} → ${answer.answered ? `${answer.sources[0]?.type}:${answer.sources[0]?.id}` : "unanswered"} (coverage ${fmt(passages[0]?.coverage ?? 0)}, top ${passages[0]?.source.id ?? "none"})`,
          );
      }
      for (const question of file.unanswerable) {
        const passages = index.search(question, { market: file.market, language: file.language });
        const answer = buildKnowledgeAnswer(t, passages, {
          question,
          market: file.market,
          language: file.language,
        });
        if (answer.answered) {
          invented++;
          misses.push(
            `INVENTED ${question} → ${answer.sources[0]?.id} (coverage ${fmt(passages[0]?.coverage ?? 0)})`,
          );
        }
      }
      return {
        language: file.language,
        answerable: file.answerable.length,
        top1,
        rightFact,
        unanswerable: file.unanswerable.length,
        invented,
        misses,
      };
    });
}

/** A deterministic pseudo-random source, so every run measures the same synthetic shop. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}

/**
 * A shop at the limits: 2,000 help articles and 20,000 products whose words follow a Zipf distribution over a 20,000-
 * word vocabulary (a few words everywhere, most words rare), with sizes and colours on every product, as a real
 * catalogue has them.
 */
export function syntheticShop(): KnowledgeContent & { questions: string[] } {
  const rnd = random(17);
  const vocabulary = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}q`);
  const shopWords =
    "shipping delivery return refund exchange payment cod wallet card transfer store hours warranty size colour dress shirt bag shoes power bank cable charger phone case cotton silk batik rattan leather strap battery voucher discount member points tracking courier express".split(
      " ",
    );
  shopWords.forEach((w, i) => {
    vocabulary[5 + i * 37] = w;
  });
  let total = 0;
  const cumulative = vocabulary.map((_, i) => {
    total += 1 / (i + 1);
    return total;
  });
  const word = () => {
    const r = rnd() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < r) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo] as string;
  };
  const sentence = (n: number) => `${Array.from({ length: n }, word).join(" ")}.`;
  const updatedAt = "2026-11-01T00:00:00Z";
  const articles: Article[] = Array.from({ length: 2_000 }, (_, i) => ({
    id: `article-${i}`,
    title: `${word()} ${word()} ${word()}`,
    body: Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => sentence(14)).join(" ")).join(
      "\n\n",
    ),
    language: "en",
    updatedAt,
    ...(i % 7 === 0 ? { markets: ["MY" as const] } : {}),
  }));
  const products: Product[] = Array.from({ length: 20_000 }, (_, i) => ({
    id: `product-${i}`,
    title: `${word()} ${word()} ${word()} ${i}`,
    description: Array.from({ length: 3 }, () => sentence(16)).join(" "),
    url: `https://shop.example/products/${i}`,
    options: ["Size", "Colour"],
    variants: ["S", "M", "L"].flatMap((size) =>
      ["Red", "Black"].map((colour) => ({
        id: `product-${i}-${size}-${colour}`,
        title: `${size} / ${colour}`,
        options: { Size: size, Colour: colour },
        price: "19.90",
        currency: "SGD",
        available: rnd() > 0.2,
      })),
    ),
    updatedAt,
    source: "api" as const,
  }));
  // Questions a shopper types: a few shop words, a few rarer ones from the catalogue, now and then a typo.
  const questions = Array.from({ length: 400 }, (_, i) => {
    const product = products[Math.floor(rnd() * products.length)] as Product;
    const parts = [
      shopWords[Math.floor(rnd() * shopWords.length)],
      ...product.title.split(" ").slice(0, 2),
      i % 3 === 0 ? "size m red" : "",
      i % 5 === 0 ? `${word()}x` : "",
    ];
    return `do you have ${parts.join(" ")}?`;
  });
  return { version: 1, articles, products, policies: [], questions };
}

const mb = (bytes: number) => `${fmt(bytes / 1e6)} MB`;

/** Build, snapshot and search times on the synthetic shop. */
export function benchKnowledgeSpeed(): string {
  const shop = syntheticShop();
  const items = JSON.stringify({ articles: shop.articles, products: shop.products });
  const gcAvailable = typeof globalThis.gc === "function";
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  const index = KnowledgeIndex.build(shop);
  const buildMs = performance.now() - t;
  globalThis.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  t = performance.now();
  JSON.parse(items);
  const parseItemsMs = performance.now() - t;
  t = performance.now();
  const snapshot = index.serialize();
  const serializeMs = performance.now() - t;
  t = performance.now();
  const zipped = gzipSync(Buffer.from(snapshot), { level: 1 });
  const gzipMs = performance.now() - t;
  const loads: number[] = [];
  let loaded = index;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    loaded = KnowledgeIndex.load(snapshot);
    loads.push(performance.now() - t);
  }
  // Warm up, then measure every question several times on the loaded index (what an instance holds).
  for (const q of shop.questions.slice(0, 50)) loaded.search(q, { market: "SG", language: "en" });
  const times: number[] = [];
  for (let round = 0; round < 5; round++)
    for (const q of shop.questions) {
      const s = performance.now();
      loaded.search(q, { market: "SG", language: "en" });
      times.push(performance.now() - s);
    }
  times.sort((a, b) => a - b);
  return [
    `synthetic shop: ${shop.articles.length} articles, ${shop.products.length} products → ${index.size.passages} passages; items ${mb(items.length)} as JSON`,
    `build from items          ${fmt(buildMs)} ms (+ ${fmt(parseItemsMs)} ms to parse the items' JSON), heap ${gcAvailable ? `${fmt(heapMb)} MB` : "n/a (run with --expose-gc)"}`,
    `snapshot                  ${mb(snapshot.length)} JSON, ${mb(zipped.byteLength)} gzipped (${Math.ceil(zipped.byteLength / 350_000)} chunks of 350 KB); serialise ${fmt(serializeMs)} ms, gzip ${fmt(gzipMs)} ms`,
    `load snapshot             ${fmt(Math.min(...loads))} ms (best of 3)`,
    `retrieval (${times.length} searches)  p50 ${fmt(percentile(times, 50))} ms, p99 ${fmt(percentile(times, 99))} ms, max ${fmt(times.at(-1) ?? 0)} ms`,
  ].join("\n");
}

/** The accuracy table, one row per language, and the figures the goals name. */
export function benchKnowledgeAccuracy(verbose = false): string {
  const rows = knowledgeEval();
  const sum = (f: (r: KnowledgeEvalRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  const pct = (a: number, b: number) => `${fmt((100 * a) / b).padStart(5)}%`;
  const lines = rows.map(
    (r) =>
      `${r.language.padEnd(8)} top-1 ${pct(r.top1, r.answerable)}  right fact ${pct(r.rightFact, r.answerable)}  invented ${r.invented}/${r.unanswerable}`,
  );
  lines.push(
    `all      top-1 ${pct(
      sum((r) => r.top1),
      sum((r) => r.answerable),
    )}  right fact ${pct(
      sum((r) => r.rightFact),
      sum((r) => r.answerable),
    )}  invented ${sum((r) => r.invented)}/${sum((r) => r.unanswerable)}  (goals: ≥ 90%, ≥ 85%, 0)`,
  );
  if (verbose) for (const r of rows) for (const m of r.misses) lines.push(`  ${r.language}: ${m}`);
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(benchKnowledgeAccuracy(process.argv.includes("--misses")));
  if (!process.argv.includes("--accuracy")) console.log(benchKnowledgeSpeed());
}
