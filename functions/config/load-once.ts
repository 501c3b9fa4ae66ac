/**
 * A value loaded on first use and kept: what a cold start should not import (a chunk, a client) is loaded by the first
 * call that needs it. A failed load (a chunk missing from the asset) is tried again on the next call, not kept.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= load().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}
