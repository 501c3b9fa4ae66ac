/** The seller's marketplace accounts: status of each, connect one more (per marketplace and market), disconnect. */
import type { FC } from "hono/jsx";
import type { ConnectedAccount } from "../../../adapters/dynamodb/connection-store";
import type { PageText } from "../page-locale";
import type { Session } from "../session";
import { type Flash, Layout } from "./layout";
import { When, WithTime } from "./parts";

/** Where an account stands for the seller: its authorization is fine, ends soon, or has ended. */
export type AccountState = "connected" | "expiring" | "expired";

export function accountState({ status }: ConnectedAccount, now: Date): AccountState {
  if (!status.alert) return "connected";
  const ends = status.alert.expiresAt ? Date.parse(status.alert.expiresAt) : Number.NaN;
  return ends <= now.getTime() ? "expired" : "expiring";
}

const State: FC<{ text: PageText; account: ConnectedAccount; now: Date }> = ({ text, account, now }) => {
  const state = accountState(account, now);
  const ends = account.status.alert?.expiresAt;
  if (state === "connected") return <span class="state ok">{text.t("connections.status_connected")}</span>;
  return (
    <strong class="state warn">
      {ends ? (
        <WithTime text={text} phrase={`connections.status_${state}`} at={ends} />
      ) : (
        text.t("connections.status_expiring_soon")
      )}
    </strong>
  );
};

export interface ConnectOption {
  readonly channel: string;
  /** False when the operator has not configured this marketplace's app: the page says so instead of a button. */
  readonly available: boolean;
}

export const ConnectionsPage: FC<{
  text: PageText;
  session: Session;
  accounts: readonly ConnectedAccount[];
  options: readonly ConnectOption[];
  markets: readonly string[];
  now: Date;
  flash: Flash | null;
}> = ({ text, session, accounts, options, markets, now, flash }) => (
  <Layout
    text={text}
    title={text.t("connections.heading")}
    session={session}
    path="/inbox/connections"
    flash={flash}
  >
    <h1>{text.t("connections.heading")}</h1>
    <p class="help">{text.t("connections.help")}</p>
    {accounts.length === 0 ? (
      <p class="empty">{text.t("connections.empty")}</p>
    ) : (
      <div class="table-scroll">
        <table class="connections">
          <caption>{text.t("connections.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{text.t("connections.col_channel")}</th>
              <th scope="col">{text.t("connections.col_account")}</th>
              <th scope="col">{text.t("connections.col_market")}</th>
              <th scope="col">{text.t("connections.col_status")}</th>
              <th scope="col">{text.t("connections.col_last_push")}</th>
              <th scope="col">{text.t("connections.col_last_error")}</th>
              <th scope="col">{text.t("connections.col_action")}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => {
              const c = a.connection;
              const name = text.channelName(c.marketplace);
              return (
                <tr>
                  <td>{name}</td>
                  <td>
                    <code>{c.marketplaceShopId}</code>
                  </td>
                  <td>{c.market ? text.marketName(c.market) : text.t("connections.none")}</td>
                  <td>
                    <State text={text} account={a} now={now} />
                    <br />
                    <small>
                      <WithTime text={text} phrase="connections.token_until" at={c.accessTokenExpiresAt} />
                    </small>
                  </td>
                  <td>
                    {a.status.lastPushAt ? (
                      <When text={text} at={a.status.lastPushAt} />
                    ) : (
                      text.t("connections.never")
                    )}
                  </td>
                  <td>
                    {a.status.lastSendError ? (
                      <>
                        <When text={text} at={a.status.lastSendError.at} />
                        <br />
                        <small>{a.status.lastSendError.message}</small>
                      </>
                    ) : (
                      text.t("connections.none")
                    )}
                  </td>
                  <td>
                    <form
                      method="post"
                      action={`/inbox/connections/${encodeURIComponent(c.marketplace)}/${encodeURIComponent(c.marketplaceShopId)}/disconnect`}
                    >
                      <button
                        type="submit"
                        aria-label={text.t("connections.disconnect_label", {
                          channel: name,
                          account: c.marketplaceShopId,
                        })}
                      >
                        {text.t("connections.disconnect")}
                      </button>
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    )}
    <h2>{text.t("connections.connect_heading")}</h2>
    <p class="help">{text.t("connections.connect_help")}</p>
    {options.map(({ channel, available }) => {
      const name = text.channelName(channel);
      return available ? (
        <form method="get" action={`/inbox/connect/${encodeURIComponent(channel)}`} class="stack narrow">
          <label for={`connect-${channel}-market`}>
            {text.t("connections.market_label", { channel: name })}
          </label>
          <select id={`connect-${channel}-market`} name="market">
            {markets.map((m) => (
              <option value={m}>{text.marketName(m)}</option>
            ))}
          </select>
          <button type="submit" class="primary">
            {text.t("connections.connect_button", { channel: name })}
          </button>
        </form>
      ) : (
        <p class="hint">{text.t("connections.not_configured", { channel: name })}</p>
      );
    })}
  </Layout>
);
