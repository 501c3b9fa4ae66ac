/** The seller's canned replies: list, add and delete, per language. */
import type { FC } from "hono/jsx";
import { LOCALES } from "../../../adapters/i18n/resources";
import { CANNED_FIELDS, type CannedReply } from "../../../domain/canned-replies";
import type { PageText } from "../page-locale";
import type { Session } from "../session";
import { type Flash, Layout } from "./layout";

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
        {replies.map((r) => (
          <li>
            <p class="who">
              <strong>{r.title}</strong> · <span>{text.languageName(r.language)}</span>
            </p>
            <p class="text" lang={r.language}>
              {r.text}
            </p>
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
      <label for="canned-title">{text.t("canned.title_label")}</label>
      <input id="canned-title" name="title" required maxlength={80} />
      <label for="canned-language">{text.t("canned.language_label")}</label>
      <select id="canned-language" name="language">
        {LOCALES.map((l) => (
          <option value={l} selected={l === text.locale}>
            {text.languageName(l)}
          </option>
        ))}
      </select>
      <label for="canned-text">{text.t("canned.text_label")}</label>
      <textarea id="canned-text" name="text" rows={4} required maxlength={1000} />
      <button type="submit" class="primary">
        {text.t("canned.add")}
      </button>
    </form>
  </Layout>
);
