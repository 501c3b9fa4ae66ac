/** Pulls order numbers, emails and phone numbers out of a shopper's message. */
import { ORDER_WORDS } from "./languages";

export interface Entities {
  readonly orderNames: readonly string[];
  readonly emails: readonly string[];
  readonly phones: readonly string[];
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// "#1001", "# 1001", "#SG-1001"; marketplace order numbers: Shopee's "220810RR2T4A0B", TikTok's 18 digits.
const HASH_ORDER = /#\s?([A-Za-z]{0,4}-?\d{3,20}|\d{6}[A-Z0-9]{8})\b/g;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// An order word of any language in the catalogue (or "No.") followed closely by a number: "order 1001",
// "pesanan no 1001", "ออเดอร์ 1001", "注文番号1001".
const WORD_ORDER = new RegExp(
  `(?:${[...ORDER_WORDS.map(escapeRegExp), "no\\."].join("|")})\\D{0,12}?(\\d{3,15})`,
  "giu",
);
const PHONE = /(?:\+|\b)\d[\d\s().-]{7,16}\d\b/g;

const unique = (values: Iterable<string>) => [...new Set(values)];

export function extractEntities(text: string): Entities {
  const emails = unique([...text.matchAll(EMAIL)].map((m) => m[0].toLowerCase()));
  const withoutEmails = text.replace(EMAIL, " ");
  const orderNames = unique(
    [...withoutEmails.matchAll(HASH_ORDER), ...withoutEmails.matchAll(WORD_ORDER)].map(
      (m) => `#${(m[1] ?? "").toUpperCase()}`,
    ),
  );
  const orderDigits = new Set(orderNames.map((n) => n.replace(/\D/g, "")));
  const phones = unique(
    [...withoutEmails.matchAll(PHONE)]
      .map((m) => normalisePhone(m[0]))
      .filter((p) => p.replace(/\D/g, "").length >= 8 && !orderDigits.has(p.replace(/\D/g, ""))),
  );
  return { orderNames, emails, phones };
}

/** "+62 812-3456-7890" → "+6281234567890"; numbers without a country code keep their digits only. */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/\D/g, "");
  return raw.trim().startsWith("+") ? `+${digits}` : digits;
}
