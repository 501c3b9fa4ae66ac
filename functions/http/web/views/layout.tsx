/** The frame of every inbox page: language, navigation, skip link, status messages and the shortcuts dialog. */
import type { Child, FC } from "hono/jsx";
import { LOCALES } from "../../../adapters/i18n/resources";
import { raw } from "hono/html";
import { SHORTCUTS } from "../assets";
import { nameOfLanguage, type PageText } from "../page-locale";
import { Fill, SLOT } from "./parts";
import type { Session } from "../session";

export interface Flash {
  readonly kind: "done" | "error";
  readonly message: string;
}

export interface LayoutProps {
  readonly text: PageText;
  readonly title: string;
  readonly session: Session | null;
  /** Where the language form returns to. */
  readonly path: string;
  readonly flash?: Flash | null | undefined;
  readonly children?: Child;
}

/** Which time zone the page's times are in; the script updates the name when it shows them in the browser's zone. */
const TimeZoneHint: FC<{ text: PageText }> = ({ text }) => (
  <p class="hint" id="time-zone">
    <Fill sentence={text.t("time_zone", { zone: SLOT })}>
      <span data-zone-name="">{text.zoneName(new Date())}</span>
    </Fill>
  </p>
);

/** Each locale named in its own language, so an agent finds theirs whatever the page is in. */
const autonym = (locale: string) => nameOfLanguage(locale, locale);

const Nav: FC<{ text: PageText; session: Session }> = ({ text, session }) => (
  <nav aria-label={text.t("nav.label")}>
    <ul>
      {session.kind === "agent" ? (
        <>
          <li>
            <a href="/inbox">{text.t("nav.queue")}</a>
          </li>
          <li>
            <a href="/inbox/live">{text.t("nav.live")}</a>
          </li>
        </>
      ) : (
        <>
          <li>
            <a href="/inbox/analytics">{text.t("nav.analytics")}</a>
          </li>
          <li>
            <a href="/inbox/canned">{text.t("nav.canned")}</a>
          </li>
          <li>
            <a href="/inbox/knowledge">{text.t("nav.knowledge")}</a>
          </li>
          <li>
            <a href="/inbox/unanswered">{text.t("nav.unanswered")}</a>
          </li>
          <li>
            <a href="/inbox/flags">{text.t("nav.flags")}</a>
          </li>
          <li>
            <a href="/inbox/connections">{text.t("nav.connections")}</a>
          </li>
        </>
      )}
    </ul>
  </nav>
);

export const Layout: FC<LayoutProps> = ({ text, title, session, path, flash, children }) => (
  <>
    {raw("<!DOCTYPE html>")}
    <html lang={text.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${text.t("app_name")}`}</title>
        <link rel="stylesheet" href="/inbox/assets/inbox.css" />
        <script src="/inbox/assets/inbox.js" defer />
      </head>
      <body
        data-locale={text.locale}
        data-time-zone={text.timeZone}
        data-due={text.t("sla.due", { when: "{when}" })}
        data-overdue={text.t("sla.overdue", { when: "{when}" })}
      >
        <a class="skip" href="#main">
          {text.t("skip_to_content")}
        </a>
        <header class="top">
          <span class="brand">{text.t("app_name")}</span>
          {session && <Nav text={text} session={session} />}
          <form class="language" method="post" action="/inbox/language">
            <label for="page-language">{text.t("nav.language")}</label>
            <select id="page-language" name="lang">
              {LOCALES.map((l) => (
                <option value={l} selected={l === text.locale} lang={l}>
                  {autonym(l)}
                </option>
              ))}
            </select>
            <input type="hidden" name="back" value={path} />
            <button type="submit">{text.t("nav.apply")}</button>
          </form>
          {session && (
            <form class="who" method="post" action="/inbox/sign-out">
              <span>
                {text.t("nav.signed_in_as", {
                  name: session.kind === "agent" ? session.agent.name || session.agent.id : session.shop.name,
                })}
              </span>
              <button type="submit">{text.t("nav.sign_out")}</button>
            </form>
          )}
        </header>
        <main id="main" tabindex={-1}>
          {flash && (
            <p class={`flash ${flash.kind}`} role={flash.kind === "error" ? "alert" : "status"}>
              {flash.message}
            </p>
          )}
          {children}
        </main>
        {session && (
          <footer>
            <TimeZoneHint text={text} />
            {session.kind === "agent" && (
              <>
                <p class="hint">{text.t("nav.shortcuts_hint")}</p>
                <dialog id="shortcuts" aria-labelledby="shortcuts-title">
                  <h2 id="shortcuts-title">{text.t("shortcuts.title")}</h2>
                  {/* Two aligned columns (a grid, see the stylesheet): the keys, then what each does. */}
                  <dl class="shortcut-list">
                    {SHORTCUTS.map(({ keys, does }) => (
                      <div>
                        <dt>
                          {keys.map((key, i) => (
                            <>
                              {i > 0 && " + "}
                              <kbd>{key}</kbd>
                            </>
                          ))}
                        </dt>
                        <dd>{text.t(`shortcuts.${does}`)}</dd>
                      </div>
                    ))}
                  </dl>
                  <form method="dialog">
                    <button type="submit">{text.t("shortcuts.close")}</button>
                  </form>
                </dialog>
              </>
            )}
          </footer>
        )}
      </body>
    </html>
  </>
);
