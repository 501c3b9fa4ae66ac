/** The inbox's form posts, validated at the boundary like every other input. */
import { z } from "zod";
import { LOCALES } from "../../adapters/i18n/resources";

const text = (max: number) => z.string().trim().min(1).max(max);

export const SignInForm = z.object({ kind: z.enum(["agent", "seller"]), credential: text(8192) });
export const LanguageForm = z.object({
  lang: z.string().refine((l) => LOCALES.includes(l)),
  back: z.string(),
});
export const ReplyForm = z.object({
  text: text(4000),
  clientMessageId: z.string().regex(/^[\w-]{8,100}$/),
  translate: z.literal("1").optional(),
});
export const ComposeForm = z.object({
  text: z.string().max(4000).default(""),
  canned: z.string().max(100).optional(),
});
export const NoteForm = z.object({ text: text(2000), clientNoteId: z.string().regex(/^[\w-]{8,100}$/) });
export const ResolveForm = z.object({ note: z.string().trim().max(2000).optional() });
/** An approval; for an address the shopper wrote as text, the agent gives it in Shopify's fields (blank ones left out). */
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);
export const ApproveForm = z.object({
  address1: optional(255),
  address2: optional(255),
  city: optional(255),
  provinceCode: optional(10),
  zip: optional(20),
  countryCode: optional(2),
});
export const ActionIdParam = z.string().regex(/^a_[\w-]{10,40}$/);
export const CannedForm = z.object({
  title: text(80),
  language: z.string().refine((l) => LOCALES.includes(l)),
  text: text(1000),
});
export const EscalationIdParam = z.string().regex(/^e_[\w-]{10,40}$/);
export const AnalyticsQuery = z.object({
  days: z.coerce
    .number()
    .pipe(z.union([z.literal(7), z.literal(30), z.literal(90)]))
    .catch(7),
});
