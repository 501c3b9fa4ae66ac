/** Every locale under locales/, imported so the bundler ships them inside each function. */
import type { Resource } from "i18next";
import enAgent from "../../../locales/en/agent.json";
import enShopper from "../../../locales/en/shopper.json";
import filAgent from "../../../locales/fil/agent.json";
import filShopper from "../../../locales/fil/shopper.json";
import hiAgent from "../../../locales/hi/agent.json";
import hiShopper from "../../../locales/hi/shopper.json";
import idAgent from "../../../locales/id/agent.json";
import idShopper from "../../../locales/id/shopper.json";
import jaAgent from "../../../locales/ja/agent.json";
import jaShopper from "../../../locales/ja/shopper.json";
import koAgent from "../../../locales/ko/agent.json";
import koShopper from "../../../locales/ko/shopper.json";
import msAgent from "../../../locales/ms/agent.json";
import msShopper from "../../../locales/ms/shopper.json";
import thAgent from "../../../locales/th/agent.json";
import thShopper from "../../../locales/th/shopper.json";
import viAgent from "../../../locales/vi/agent.json";
import viShopper from "../../../locales/vi/shopper.json";
import zhHansAgent from "../../../locales/zh-Hans/agent.json";
import zhHansShopper from "../../../locales/zh-Hans/shopper.json";
import zhHantAgent from "../../../locales/zh-Hant/agent.json";
import zhHantShopper from "../../../locales/zh-Hant/shopper.json";
import zhHantHkAgent from "../../../locales/zh-Hant-HK/agent.json";
import zhHantHkShopper from "../../../locales/zh-Hant-HK/shopper.json";

export const resources: Resource = {
  en: { shopper: enShopper, agent: enAgent },
  id: { shopper: idShopper, agent: idAgent },
  ms: { shopper: msShopper, agent: msAgent },
  th: { shopper: thShopper, agent: thAgent },
  vi: { shopper: viShopper, agent: viAgent },
  fil: { shopper: filShopper, agent: filAgent },
  hi: { shopper: hiShopper, agent: hiAgent },
  "zh-Hans": { shopper: zhHansShopper, agent: zhHansAgent },
  "zh-Hant": { shopper: zhHantShopper, agent: zhHantAgent },
  "zh-Hant-HK": { shopper: zhHantHkShopper, agent: zhHantHkAgent },
  ja: { shopper: jaShopper, agent: jaAgent },
  ko: { shopper: koShopper, agent: koAgent },
};

/** Locales we ship, each complete (a test checks): none falls back to English. */
export const LOCALES = Object.keys(resources);

/** The word each locale's disclosure tells shoppers to type to reach a person (R1). */
export const HANDOFF_KEYWORDS: readonly string[] = Object.values(resources).map(
  (r) => (r.shopper as { handoff_keyword: string }).handoff_keyword,
);
