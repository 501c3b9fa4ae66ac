/** Small pieces shared by the inbox's views: times (always <time datetime>, in the page's zone) and SLA countdowns. */
import type { Child, FC } from "hono/jsx";
import type { Source } from "../../../domain/conversation";
import type { Escalation } from "../../../domain/escalation";
import type { PageText } from "../page-locale";

/** An SLA countdown: rendered now, then kept current by the page's script from its datetime. */
export const Due: FC<{ text: PageText; escalation: Escalation; now: Date }> = ({ text, escalation, now }) => {
  if (escalation.firstHumanReplyAt)
    return (
      <time class="answered" datetime={escalation.firstHumanReplyAt}>
        {text.t("sla.answered", { when: text.relative(escalation.firstHumanReplyAt, now) })}
      </time>
    );
  const overdue = Date.parse(escalation.dueAt) <= now.getTime();
  return (
    <time class={overdue ? "due overdue" : "due"} datetime={escalation.dueAt} data-countdown="">
      {text.t(overdue ? "sla.overdue" : "sla.due", { when: text.relative(escalation.dueAt, now) })}
    </time>
  );
};

/** A moment, marked up for machines and shown in the page's time zone. */
export const When: FC<{ text: PageText; at: string }> = ({ text, at }) => (
  <time datetime={at} data-local="">
    {text.dateTime(at)}
  </time>
);

/** Marks where an element goes in a translated sentence; never typed by anyone. */
export const SLOT = "\u{E000}";

/** A translated sentence made with SLOT in one placeholder, with `children` in that place: the translator's word order. */
export const Fill: FC<{ sentence: string; children?: Child }> = ({ sentence, children }) => {
  const [before = "", after = ""] = sentence.split(SLOT);
  return (
    <>
      {before}
      {children}
      {after}
    </>
  );
};

/** A translated sentence whose {{when}} is a <time>. */
export const WithTime: FC<{
  text: PageText;
  /** The locale key (not `key`, which JSX keeps for itself). */
  phrase: string;
  values?: Record<string, unknown>;
  at: string;
}> = ({ text, phrase, values, at }) => (
  <Fill sentence={text.t(phrase, { ...values, when: SLOT })}>
    <When text={text} at={at} />
  </Fill>
);

const SOURCE_TYPES = new Set(["order", "article", "product", "policy"]);
/** One source an AI answer rested on, as the agent reads it ("Article faq-1"). */
export const sourceText = (text: PageText, s: Source) =>
  SOURCE_TYPES.has(s.type) ? text.t(`why.source_${s.type}`, { id: s.id }) : `${s.type} ${s.id}`;
