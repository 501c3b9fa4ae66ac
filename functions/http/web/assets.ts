/** The inbox's stylesheet and its one small script, served from the app itself (no CDN, strict CSP). */
import { intlTagOf, LANGUAGE_CODES, LANGUAGES, LOCALE_CODES } from "../../domain/languages";

/** Every language's font (the catalogue's), once each, after the system's and before the generic family. */
const FONT_STACK = [
  "system-ui",
  ...new Set(LANGUAGE_CODES.map((l) => `"${LANGUAGES[l].font.family}"`)),
  "sans-serif",
].join(", ");

/** Locales whose Intl tag differs from ours (fil → fil-PH), for the script's own formatting. */
const INTL_TAGS = Object.fromEntries(
  LOCALE_CODES.filter((l) => intlTagOf(l) !== l).map((l) => [l, intlTagOf(l)]),
);

/** Every key the script answers (and Enter, which opens the focused link), in the order the `?` list shows them. */
export const SHORTCUTS = [
  { keys: ["j"], does: "next" },
  { keys: ["k"], does: "previous" },
  { keys: ["Enter"], does: "open" },
  { keys: ["c"], does: "claim" },
  { keys: ["r"], does: "reply" },
  { keys: ["n"], does: "note" },
  { keys: ["Ctrl/⌘", "Enter"], does: "send" },
  { keys: ["g"], does: "queue" },
  { keys: ["?"], does: "help" },
] as const;

export const INBOX_CSS = `
:root { color-scheme: light; --ink:#1b1f24; --muted:#57606a; --line:#d0d7de; --bg:#f6f8fa; --card:#fff;
  --accent:#0b5cad; --accent-ink:#fff; --warn:#a40e26; --warn-bg:#ffebe9; --ok:#116329; --ok-bg:#dafbe1; --focus:#f0a30a; }
* { box-sizing: border-box; }
body { margin:0; font:16px/1.5 ${FONT_STACK};
  color:var(--ink); background:var(--bg); }
a { color:var(--accent); }
:focus-visible { outline:3px solid var(--focus); outline-offset:2px; }
.skip { position:absolute; left:-999px; top:0; background:var(--card); padding:.5rem 1rem; z-index:10; }
.skip:focus { left:.5rem; }
.visually-hidden { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); white-space:nowrap; }
header.top { display:flex; flex-wrap:wrap; gap:1rem; align-items:center; padding:.6rem 1.2rem; background:#0d2238; color:#fff; }
header.top a { color:#fff; }
header.top .brand { font-weight:700; }
header.top nav ul { display:flex; gap:1rem; list-style:none; margin:0; padding:0; }
header.top form { display:flex; gap:.4rem; align-items:center; margin:0; }
header.top .language { margin-left:auto; }
main { max-width:1200px; margin:0 auto; padding:1rem 1.2rem 3rem; }
main:focus { outline:none; }
h1 { font-size:1.5rem; margin:.5rem 0 1rem; }
h2 { font-size:1.1rem; margin:1.2rem 0 .5rem; }
h3 { font-size:1rem; margin:1rem 0 .4rem; }
button, .button { font:inherit; padding:.4rem .9rem; border:1px solid var(--line); border-radius:6px; background:var(--card);
  color:var(--ink); cursor:pointer; text-decoration:none; display:inline-block; }
button.primary, .button.primary { background:var(--accent); color:var(--accent-ink); border-color:var(--accent); }
input, select, textarea { font:inherit; padding:.4rem .5rem; border:1px solid var(--line); border-radius:6px; background:#fff; max-width:100%; }
textarea { width:100%; }
.stack { display:flex; flex-direction:column; gap:.4rem; align-items:flex-start; }
.narrow { max-width:40rem; }
.help, .hint { color:var(--muted); font-size:.9rem; margin:.2rem 0; }
.columns { display:grid; grid-template-columns:repeat(auto-fit, minmax(18rem, 1fr)); gap:2rem; }
.flash { padding:.6rem 1rem; border-radius:6px; }
.flash.done { background:var(--ok-bg); color:var(--ok); }
.flash.error { background:var(--warn-bg); color:var(--warn); }
.banner { background:#fff8c5; border:1px solid #d4a72c; border-radius:6px; padding:.5rem .8rem; }
.filters { display:flex; flex-wrap:wrap; gap:.5rem; align-items:center; margin-bottom:.5rem; }
.queue { list-style:none; padding:0; margin:0; display:flex; flex-direction:column; gap:.5rem; }
.item-link { display:flex; flex-direction:column; gap:.2rem; padding:.7rem 1rem; background:var(--card); border:1px solid var(--line);
  border-radius:8px; color:inherit; text-decoration:none; }
.item-link:hover { border-color:var(--accent); }
.item.urgent .item-link { border-left:5px solid #d1242f; }
.line { display:flex; flex-wrap:wrap; gap:.6rem; align-items:baseline; }
.small { font-size:.9rem; color:var(--muted); }
.summary { color:var(--ink); }
.last-message { display:block; color:var(--ink); border-left:3px solid var(--line); padding-left:.5rem;
  white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.badge.channel { background:#eaeef2; color:var(--ink); }
.orders { list-style:none; padding:0; margin:0; display:flex; flex-direction:column; gap:.6rem; }
.orders li + li { border-top:1px solid var(--line); padding-top:.6rem; }
.badge { display:inline-block; font-size:.8rem; padding:.05rem .5rem; border-radius:999px; background:#ddf4ff; color:#0a3069; }
.badge.urgent { background:var(--warn-bg); color:var(--warn); }
.due.overdue { color:var(--warn); font-weight:600; }
.packet { display:grid; grid-template-columns:minmax(0, 2fr) minmax(16rem, 1fr); gap:1.5rem; }
@media (max-width: 800px) { .packet { grid-template-columns:1fr; } }
.side-column section, .main-column > form, .main-column > section, #live > section { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:.2rem 1rem 1rem; margin-bottom:1rem; }
.transcript { list-style:none; padding:0; margin:0; display:flex; flex-direction:column; gap:.6rem; }
.message { max-width:85%; padding:.5rem .8rem; border-radius:10px; background:var(--bg); }
.message.shopper { align-self:flex-start; }
.message.ai { align-self:flex-end; background:#eef2ff; }
.message.agent { align-self:flex-end; background:#dafbe1; }
.message .who { margin:0; font-size:.8rem; color:var(--muted); display:flex; gap:.5rem; flex-wrap:wrap; }
.message .text { margin:.2rem 0; white-space:pre-wrap; }
.original summary { cursor:pointer; color:var(--accent); font-size:.85rem; }
.why summary, .flag summary { cursor:pointer; color:var(--accent); font-size:.85rem; }
.why .facts { font-size:.9rem; margin:.3rem 0; }
.message.system { align-self:center; background:#fff8c5; }
.examples { margin:.2rem 0; padding-left:1.2rem; }
.sources { margin:0; padding-left:1rem; }
.flags { list-style:none; padding:0; }
.flags li { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:.2rem 1rem .6rem; margin-bottom:.8rem; }
.flags .text { white-space:pre-wrap; }
.notes ul, .history, .canned-list { list-style:none; padding:0; }
.notes li, .canned-list li { border-top:1px solid var(--line); padding:.4rem 0; }
.notes .text { white-space:pre-wrap; margin:.2rem 0; }
.actions { display:flex; flex-direction:column; gap:.8rem; }
.facts { display:grid; grid-template-columns:auto 1fr; gap:.2rem 1rem; }
.facts dt { color:var(--muted); }
.facts dd { margin:0; }
blockquote { margin:0; padding:.5rem .8rem; border-left:4px solid var(--line); white-space:pre-wrap; }
.canned { display:flex; flex-wrap:wrap; gap:.4rem; align-items:center; }
.check { display:flex; gap:.4rem; align-items:center; }
.cards { display:grid; grid-template-columns:repeat(auto-fit, minmax(12rem, 1fr)); gap:.8rem; margin:0 0 1rem; }
.card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:.6rem 1rem; }
.card dt { color:var(--muted); font-size:.9rem; }
.card dd { margin:0; font-size:1.6rem; font-weight:700; }
table { border-collapse:collapse; background:var(--card); }
th, td { text-align:left; padding:.4rem .8rem; border-bottom:1px solid var(--line); }
.table-scroll { overflow-x:auto; }
meter { width:12rem; }
dialog { border:1px solid var(--line); border-radius:8px; max-width:28rem; }
.shortcut-list { display:grid; grid-template-columns:max-content 1fr; gap:.45rem 1.2rem; align-items:baseline; margin:0 0 1rem; }
.shortcut-list div { display:contents; }
.shortcut-list dt { white-space:nowrap; }
.shortcut-list dd { margin:0; }
kbd { border:1px solid var(--line); border-radius:4px; padding:0 .35rem; background:var(--bg); font-family:inherit; }
footer { max-width:1200px; margin:0 auto; padding:0 1.2rem 1rem; }
`;

/** Countdowns, polling, keyboard shortcuts and canned-reply insertion; every page works without it. */
export const INBOX_CLIENT_JS = `"use strict";
(() => {
  const body = document.body;
  const lang = document.documentElement.lang || "en";
  const tag = ${JSON.stringify(INTL_TAGS)}[lang] || lang;
  const rtf = new Intl.RelativeTimeFormat(tag, { numeric: "auto" });
  const moment = new Intl.DateTimeFormat(tag, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  const relative = (ms) => {
    const s = ms / 1000, a = Math.abs(s);
    if (a >= 43200) return moment.format(new Date(Date.now() + ms));
    if (a < 3600) return rtf.format(Math.round(s / 60), "minute");
    return rtf.format(Math.round(s / 3600), "hour");
  };
  // The server renders times in the zone this browser last reported (at first, the agent's region's): report ours
  // for the next pages, and until then show this page's times in it.
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const rezone = Boolean(zone) && zone !== body.dataset.timeZone;
  if (rezone) {
    document.cookie = "inbox_tz=" + encodeURIComponent(zone) + "; path=/inbox; max-age=31536000; samesite=lax" +
      (location.protocol === "https:" ? "; secure" : "");
    const name = (style) => new Intl.DateTimeFormat(tag, { timeZoneName: style }).formatToParts(new Date())
      .find((p) => p.type === "timeZoneName")?.value;
    const shown = document.querySelector("[data-zone-name]");
    const [long, offset] = [name("long"), name("shortOffset")];
    if (shown && long) shown.textContent = long === offset ? long : long + " (" + offset + ")";
  }
  const dtf = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short" });
  const tick = () => {
    if (rezone) for (const el of document.querySelectorAll("time[data-local]")) el.textContent = dtf.format(new Date(el.getAttribute("datetime")));
    for (const el of document.querySelectorAll("time[data-countdown]")) {
      const left = Date.parse(el.getAttribute("datetime")) - Date.now();
      const overdue = left <= 0;
      el.classList.toggle("overdue", overdue);
      el.textContent = (overdue ? body.dataset.overdue : body.dataset.due).replace("{when}", relative(left));
    }
  };
  tick();
  setInterval(tick, 30000);

  // The tab's title counts what waits, so an agent working elsewhere sees new escalations arrive.
  const baseTitle = document.title;
  const count = () => {
    const queue = document.getElementById("queue");
    if (queue) document.title = (Number(queue.dataset.count) > 0 ? "(" + queue.dataset.count + ") " : "") + baseTitle;
  };
  count();

  // Live updates: each [data-poll] region is fetched again and replaced only when its version changed.
  const poll = async (el) => {
    if (document.hidden) return;
    const res = await fetch(el.dataset.poll, {
      credentials: "same-origin",
      headers: { accept: "text/html", "x-inbox-version": el.dataset.version },
    });
    if (res.status === 401) { location.reload(); return; }
    if (!res.ok || res.status === 204) return;
    const box = document.createElement("div");
    box.innerHTML = await res.text();
    const next = box.firstElementChild;
    if (!next || next.dataset.version === el.dataset.version) return;
    const focusedId = document.activeElement && document.activeElement.closest("[data-id]")?.dataset.id;
    const open = new Set([...el.querySelectorAll("details[open]")].map((d) => d.closest("[data-message-id]")?.dataset.messageId));
    el.replaceWith(next);
    for (const d of next.querySelectorAll("details")) if (open.has(d.closest("[data-message-id]")?.dataset.messageId)) d.open = true;
    if (focusedId) next.querySelector('[data-id="' + CSS.escape(focusedId) + '"] a')?.focus();
    tick();
    count();
    const status = document.getElementById("queue-status");
    const shown = next.querySelector(".count");
    if (status && shown && next.id === "queue") status.textContent = shown.textContent;
  };
  setInterval(() => { for (const el of document.querySelectorAll("[data-poll]")) poll(el).catch(() => {}); }, 4000);

  // Canned replies and the AI draft go into the reply box where the cursor is, without reloading.
  const insert = (text) => {
    const box = document.getElementById("reply");
    if (!box || !text) return;
    const start = box.selectionStart ?? box.value.length;
    const before = box.value.slice(0, start), after = box.value.slice(box.selectionEnd ?? start);
    const glue = before && !before.endsWith("\\n") ? "\\n" : "";
    box.value = before + glue + text + after;
    box.focus();
  };
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-insert-canned]");
    if (button) {
      event.preventDefault();
      const option = document.getElementById("canned")?.selectedOptions[0];
      insert(option?.dataset.text);
    }
    if (event.target.closest("[data-use-draft]")) insert(document.getElementById("draft")?.textContent);
  });
  for (const b of document.querySelectorAll("[data-use-draft]")) b.hidden = false;

  // Keyboard: j/k move through the queue, c claims, r and n write, g goes back, ? lists the shortcuts.
  document.addEventListener("keydown", (event) => {
    const t = event.target;
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter" && t.form) { event.preventDefault(); t.form.requestSubmit(); return; }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (t.closest("input, textarea, select, [contenteditable]")) return;
    const links = [...document.querySelectorAll(".item-link")];
    const at = links.indexOf(document.activeElement);
    const go = (i) => { const l = links[Math.max(0, Math.min(links.length - 1, i))]; if (l) { event.preventDefault(); l.focus(); } };
    const dialog = document.getElementById("shortcuts");
    switch (event.key) {
      case "j": go(at + 1); break;
      case "k": go(at < 0 ? 0 : at - 1); break;
      case "c": { const f = document.querySelector('form[data-shortcut="c"]'); if (f) { event.preventDefault(); f.requestSubmit(); } break; }
      case "r": case "n": { const el = document.querySelector('[data-shortcut="' + event.key + '"]'); if (el) { event.preventDefault(); el.focus(); } break; }
      case "g": { const a = document.querySelector('a[data-shortcut="g"]'); if (a) { event.preventDefault(); a.click(); } break; }
      case "?": if (dialog) { event.preventDefault(); dialog.open ? dialog.close() : dialog.showModal(); } break;
    }
  });
})();
`;
