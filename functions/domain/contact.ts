/** Emails and phone numbers in one canonical form, so the way a shopper writes them still matches the order's. */
import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js";

/** Emails compare case-insensitively, as Shopify stores them. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * A phone number in E.164, reading one without a country code as a number of `defaultRegion` (the market's country,
 * or the order's shipping country): "0812-3456-7890" in ID is "+6281234567890". Null when it cannot be a phone number.
 */
export function phoneE164(raw: string, defaultRegion?: string | null): string | null {
  const region = defaultRegion?.toUpperCase();
  const parsed = parsePhoneNumberFromString(
    raw,
    region && isSupportedCountry(region) ? (region as CountryCode) : undefined,
  );
  return parsed?.isPossible() ? parsed.number : null;
}

/** True when both are the same phone number once each is read in its own default region. */
export function samePhone(
  a: string,
  aRegion: string | null | undefined,
  b: string,
  bRegion: string | null | undefined,
): boolean {
  const left = phoneE164(a, aRegion);
  return left !== null && left === phoneE164(b, bRegion);
}
