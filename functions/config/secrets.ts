/** The SecretBox for shop tokens and marketplace secrets, chosen from the environment. */
import { hkdfSync } from "node:crypto";
import { createLocalSecretBox, type SecretBox } from "../adapters/crypto/secret-box";
import type { Env } from "./env";
import { loadOnce } from "./load-once";

/** Seals shop tokens: KMS on AWS, a local key otherwise; without either, sealing fails loudly when first needed. */
export function createSecrets(env: Env): SecretBox {
  const keyId = env.TOKEN_KMS_KEY_ID;
  if (keyId)
    return lazySecretBox(async () => {
      const [{ KMSClient }, { createKmsSecretBox }] = await Promise.all([
        import("@aws-sdk/client-kms"),
        import("../adapters/crypto/kms-secret-box"),
      ]);
      return createKmsSecretBox(new KMSClient({ region: env.AWS_REGION }), keyId);
    });
  if (env.TOKEN_ENCRYPTION_KEY) return createLocalSecretBox(Buffer.from(env.TOKEN_ENCRYPTION_KEY, "base64"));
  const missing = async (): Promise<string> => {
    throw new Error("Set TOKEN_KMS_KEY_ID (AWS) or TOKEN_ENCRYPTION_KEY (local) to store Shopify tokens.");
  };
  return { seal: missing, open: missing };
}

/** A box built on first use: the KMS client is a chunk of its own, loaded only when a secret is sealed or opened. */
export function lazySecretBox(load: () => Promise<SecretBox>): SecretBox {
  const get = loadOnce(load);
  return {
    seal: async (plaintext, context) => (await get()).seal(plaintext, context),
    open: async (sealed, context) => (await get()).open(sealed, context),
  };
}

/** What a key derived from the Shopify app secret is for; each label yields an independent key. */
export type KeyPurpose = "install-state-cookie";

/**
 * A 256-bit key for one purpose, derived from a shared secret with HKDF-SHA256 (empty salt, the label as info),
 * so a signature made for one purpose (our install cookie) is never valid for another (Shopify's webhook HMAC).
 */
export function deriveKey(secret: string, purpose: KeyPurpose): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", secret, new Uint8Array(0), `asia-support/${purpose}`, 32));
}
