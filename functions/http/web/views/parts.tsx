/** Small pieces shared by the inbox's views. */
import type { FC } from "hono/jsx";
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
