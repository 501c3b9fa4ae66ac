/**
 * Every locale under locales/, imported so the bundler ships them inside each function. The map is keyed by the
 * catalogue's locales (domain/languages.ts), so a language or variant without its files does not compile.
 */
import type { ResourceKey } from "i18next";
import type { Locale } from "../../domain/languages";
import enAgent from "../../../locales/en/agent.json";
import enInbox from "../../../locales/en/inbox.json";
import enShopper from "../../../locales/en/shopper.json";
import filAgent from "../../../locales/fil/agent.json";
import filInbox from "../../../locales/fil/inbox.json";
import filShopper from "../../../locales/fil/shopper.json";
import hiAgent from "../../../locales/hi/agent.json";
import hiInbox from "../../../locales/hi/inbox.json";
import hiShopper from "../../../locales/hi/shopper.json";
import idAgent from "../../../locales/id/agent.json";
import idInbox from "../../../locales/id/inbox.json";
import idShopper from "../../../locales/id/shopper.json";
import jaAgent from "../../../locales/ja/agent.json";
import jaInbox from "../../../locales/ja/inbox.json";
import jaShopper from "../../../locales/ja/shopper.json";
import koAgent from "../../../locales/ko/agent.json";
import koInbox from "../../../locales/ko/inbox.json";
import koShopper from "../../../locales/ko/shopper.json";
import msAgent from "../../../locales/ms/agent.json";
import msInbox from "../../../locales/ms/inbox.json";
import msShopper from "../../../locales/ms/shopper.json";
import thAgent from "../../../locales/th/agent.json";
import thInbox from "../../../locales/th/inbox.json";
import thShopper from "../../../locales/th/shopper.json";
import viAgent from "../../../locales/vi/agent.json";
import viInbox from "../../../locales/vi/inbox.json";
import viShopper from "../../../locales/vi/shopper.json";
import zhHansAgent from "../../../locales/zh-Hans/agent.json";
import zhHansInbox from "../../../locales/zh-Hans/inbox.json";
import zhHansShopper from "../../../locales/zh-Hans/shopper.json";
import zhHantAgent from "../../../locales/zh-Hant/agent.json";
import zhHantInbox from "../../../locales/zh-Hant/inbox.json";
import zhHantShopper from "../../../locales/zh-Hant/shopper.json";
import zhHantHkAgent from "../../../locales/zh-Hant-HK/agent.json";
import zhHantHkInbox from "../../../locales/zh-Hant-HK/inbox.json";
import zhHantHkShopper from "../../../locales/zh-Hant-HK/shopper.json";

/** What the app reads: shopper replies, handoff summaries, the inbox page. */
export type Namespace = "shopper" | "agent" | "inbox";

export const resources: Readonly<Record<Locale, Readonly<Record<Namespace, ResourceKey>>>> = {
  en: { shopper: enShopper, agent: enAgent, inbox: enInbox },
  id: { shopper: idShopper, agent: idAgent, inbox: idInbox },
  ms: { shopper: msShopper, agent: msAgent, inbox: msInbox },
  th: { shopper: thShopper, agent: thAgent, inbox: thInbox },
  vi: { shopper: viShopper, agent: viAgent, inbox: viInbox },
  fil: { shopper: filShopper, agent: filAgent, inbox: filInbox },
  hi: { shopper: hiShopper, agent: hiAgent, inbox: hiInbox },
  "zh-Hans": { shopper: zhHansShopper, agent: zhHansAgent, inbox: zhHansInbox },
  "zh-Hant": { shopper: zhHantShopper, agent: zhHantAgent, inbox: zhHantInbox },
  "zh-Hant-HK": { shopper: zhHantHkShopper, agent: zhHantHkAgent, inbox: zhHantHkInbox },
  ja: { shopper: jaShopper, agent: jaAgent, inbox: jaInbox },
  ko: { shopper: koShopper, agent: koAgent, inbox: koInbox },
};

/** Locales we ship, in the order the inbox lists them, each complete (a test checks): none falls back to English. */
export const LOCALES: readonly string[] = Object.keys(resources);

/** The word each locale's disclosure tells shoppers to type to reach a person (R1). */
export const HANDOFF_KEYWORDS: readonly string[] = Object.values(resources).map(
  (r) => (r.shopper as { handoff_keyword: string }).handoff_keyword,
);
