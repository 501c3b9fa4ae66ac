/**
 * Seals secrets (shop access tokens, marketplace keys) before they reach the table: AES-256-GCM with the shop as
 * associated data, so a sealed token copied to another shop's item does not open. On AWS the data key comes from
 * KMS (envelope encryption, one data key per seal); locally from a key on disk or in memory.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export interface SecretBox {
  seal(plaintext: string, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<string>;
}

/** AES-256-GCM with `context` as associated data; the key is the caller's (local, or a KMS data key). */
export function gcmSeal(key: Uint8Array, plaintext: string, context: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    data: data.toString("base64"),
  };
}

/** Opens what `gcmSeal` sealed under the same key and context; throws if either differs. */
export function gcmOpen(key: Uint8Array, sealed: { iv: string; tag: string; data: string }, context: string) {
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(sealed.iv, "base64")).setAAD(
    Buffer.from(context),
  );
  decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, "base64")), decipher.final()]).toString(
    "utf8",
  );
}

/** A box with one local 32-byte key (local stack and tests). */
export function createLocalSecretBox(key: Uint8Array): SecretBox {
  if (key.length !== 32)
    throw new Error("The token encryption key must be 32 bytes (base64 of 32 random bytes).");
  return {
    seal: async (plaintext, context) =>
      JSON.stringify({ v: 1, alg: "local", ...gcmSeal(key, plaintext, context) }),
    open: async (sealed, context) => gcmOpen(key, JSON.parse(sealed), context),
  };
}
