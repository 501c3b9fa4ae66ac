/** A scripted address reader, standing in for the model with structured output. */
import type { AddressReader, AddressReading } from "../actions";

export interface FakeAddressReader extends AddressReader {
  /** Every text read, with its country, oldest first. */
  readonly reads: readonly { readonly text: string; readonly country: string | null }[];
}

/** An AddressReader that answers with `read(text, country)` (default: nothing found); it never guesses by itself. */
export function createFakeAddressReader(
  read: (text: string, country: string | null) => AddressReading = () => ({ kind: "none" }),
): FakeAddressReader {
  const reads: { text: string; country: string | null }[] = [];
  return {
    reads,
    async read(text, country) {
      reads.push({ text, country });
      return read(text, country);
    },
  };
}
