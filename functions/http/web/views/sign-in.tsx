/** The sign-in page: Cognito's hosted UI or a pasted agent token for agents, the shop's API key for sellers. */
import type { FC } from "hono/jsx";
import type { PageText } from "../page-locale";
import { type Flash, Layout } from "./layout";

export const SignInPage: FC<{
  text: PageText;
  hostedUi: boolean;
  flash: Flash | null;
}> = ({ text, hostedUi, flash }) => (
  <Layout text={text} title={text.t("sign_in.title")} session={null} path="/inbox/sign-in" flash={flash}>
    <h1>{text.t("sign_in.title")}</h1>
    <p>{text.t("sign_in.intro")}</p>
    <div class="columns">
      <section aria-labelledby="agents">
        <h2 id="agents">{text.t("sign_in.agent_heading")}</h2>
        {hostedUi ? (
          <p>
            <a class="button primary" href="/inbox/sign-in/cognito">
              {text.t("sign_in.cognito")}
            </a>
          </p>
        ) : (
          <form method="post" action="/inbox/sign-in" class="stack">
            <input type="hidden" name="kind" value="agent" />
            <label for="agent-token">{text.t("sign_in.agent_token_label")}</label>
            <textarea
              id="agent-token"
              name="credential"
              rows={3}
              required
              autocomplete="off"
              spellcheck={false}
              aria-describedby="agent-token-help"
            />
            <p id="agent-token-help" class="help">
              {text.t("sign_in.agent_token_help")}
            </p>
            <button type="submit" class="primary">
              {text.t("sign_in.submit")}
            </button>
          </form>
        )}
      </section>
      <section aria-labelledby="sellers">
        <h2 id="sellers">{text.t("sign_in.seller_heading")}</h2>
        <form method="post" action="/inbox/sign-in" class="stack">
          <input type="hidden" name="kind" value="seller" />
          <label for="shop-key">{text.t("sign_in.seller_key_label")}</label>
          <input
            id="shop-key"
            name="credential"
            type="password"
            required
            autocomplete="off"
            aria-describedby="shop-key-help"
          />
          <p id="shop-key-help" class="help">
            {text.t("sign_in.seller_key_help")}
          </p>
          <button type="submit">{text.t("sign_in.submit")}</button>
        </form>
      </section>
    </div>
  </Layout>
);
