/** The seller's canned replies: list, add, edit and delete, per language. */
import type { FC } from "hono/jsx";
import { LOCALES } from "../../../adapters/i18n/resources";
import { CANNED_FIELDS, type CannedReply } from "../../../domain/canned-replies";
import type { PageText } from "../page-locale";
import type { Session } from "../session";
import { type Flash, Layout } from "./layout";

/** Title, language and text of one reply; `prefix` keeps each form's ids unique on the page. */
const Fields: FC<{ text: PageText; prefix: string; reply?: CannedReply }> = ({ text, prefix, reply }) => (
  <>
    <label for={`${prefix}-title`}>{text.t("canned.title_label")}</label>
    <input id={`${prefix}-title`} name="title" required maxlength={80} value={reply?.title} />
    <label for={`${prefix}-language`}>{text.t("canned.language_label")}</label>
    <select id={`${prefix}-language`} name="language">
      {LOCALES.map((l) => (
        <option value={l} selected={l === (reply?.language ?? text.locale)}>
          {text.languageName(l)}
        </option>
      ))}
    </select>
    <label for={`${prefix}-text`}>{text.t("canned.text_label")}</label>
    <textarea id={`${prefix}-text`} name="text" rows={4} required maxlength={1000}>
      {reply?.text}
    </textarea>
  </>
);

export const CannedPage: FC<{
  text: PageText;
  session: Session;
  replies: readonly CannedReply[];
  flash: Flash | null;
}> = ({ text, session, replies, flash }) => (
  <Layout text={text} title={text.t("canned.heading")} session={session} path="/inbox/canned" flash={flash}>
    <h1>{text.t("canned.heading")}</h1>
    <p class="help">{text.t("canned.manage_help", { fields: CANNED_FIELDS.join(", ") })}</p>
    {replies.length === 0 ? (
      <p class="empty">{text.t("canned.empty")}</p>
    ) : (
      <ul class="canned-list">
        {replies.map((r, i) => (
          <li>
            <p class="who">
              <strong>{r.title}</strong> · <span>{text.languageName(r.language)}</span>
            </p>
            <p class="text" lang={r.language}>
              {r.text}
            </p>
            <details>
              <summary>{text.t("canned.edit")}</summary>
              <form method="post" action={`/inbox/canned/${encodeURIComponent(r.id)}`} class="stack narrow">
                <Fields text={text} prefix={`edit-${i}`} reply={r} />
                <button type="submit">{text.t("canned.save")}</button>
              </form>
            </details>
            <form method="post" action={`/inbox/canned/${encodeURIComponent(r.id)}/delete`}>
              <button type="submit" aria-label={`${text.t("canned.delete")}: ${r.title}`}>
                {text.t("canned.delete")}
              </button>
            </form>
          </li>
        ))}
      </ul>
    )}
    <form method="post" action="/inbox/canned" class="stack narrow">
      <h2>{text.t("canned.add")}</h2>
      <Fields text={text} prefix="canned" />
      <button type="submit" class="primary">
        {text.t("canned.add")}
      </button>
    </form>
  </Layout>
);
