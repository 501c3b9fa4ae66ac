/** A page for what went wrong (not found, not allowed), in the page's language. */
import type { FC } from "hono/jsx";
import type { PageText } from "../page-locale";
import type { Session } from "../session";
import { Layout } from "./layout";

export const ErrorPage: FC<{ text: PageText; session: Session | null; title: string; message: string }> = ({
  text,
  session,
  title,
  message,
}) => (
  <Layout text={text} title={title} session={session} path="/inbox">
    <h1>{title}</h1>
    <p>{message}</p>
    <p>
      <a href="/inbox">{text.t("packet.back")}</a>
    </p>
  </Layout>
);
