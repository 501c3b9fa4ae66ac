import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type CountryCode,
  findPhoneNumbersInText,
  getCountries,
  getCountryCallingCode,
  type MetadataJson,
  parsePhoneNumberFromString,
} from "libphonenumber-js/core";
import { describe, expect, it } from "vitest";
import { compactPhoneMetadata, type PhoneMetadata } from "../../scripts/build";

const root = join(import.meta.dirname, "../../node_modules/libphonenumber-js");
const full = JSON.parse(readFileSync(join(root, "metadata.min.json"), "utf8")) as MetadataJson;
const compact = compactPhoneMetadata(full as unknown as PhoneMetadata) as unknown as MetadataJson;
const examples = JSON.parse(readFileSync(join(root, "examples.mobile.json"), "utf8")) as Record<
  string,
  string
>;

/** Each country's example mobile number as a shopper might write it: national and international, formatted. */
const writings = getCountries(full).flatMap((country) => {
  const national = examples[country];
  if (!national) return [];
  const parsed = parsePhoneNumberFromString(national, country, full);
  if (!parsed) return [];
  return [
    { country, text: parsed.formatNational() },
    { country, text: parsed.formatInternational() },
    { country, text: `+${getCountryCallingCode(country, full)}${national}` },
  ];
});

/** What the code reads of a parse: the E.164 number and whether it is possible and valid. */
const reading = (text: string, country: CountryCode, metadata: MetadataJson) => {
  const parsed = parsePhoneNumberFromString(text, country, metadata);
  return parsed ? { number: parsed.number, possible: parsed.isPossible(), valid: parsed.isValid() } : null;
};

describe("the phone metadata the bundles ship", () => {
  it("is less than half the size of libphonenumber-js's minimal metadata", () => {
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(full).length / 2);
  });

  it("reads every country's numbers as the full metadata does", () => {
    expect(writings.length).toBeGreaterThan(600);
    for (const { country, text } of writings)
      expect({ text, ...reading(text, country, compact) }).toEqual({ text, ...reading(text, country, full) });
  });

  it("finds every country's numbers in a message as the full metadata does", () => {
    for (const { country, text } of writings) {
      const message = `Hi, my order is late, call me at ${text} please`;
      const found = (metadata: MetadataJson) =>
        findPhoneNumbersInText(message, { defaultCountry: country }, metadata).map((f) => f.number.number);
      expect({ text, found: found(compact) }).toEqual({ text, found: found(full) });
    }
  });
});
