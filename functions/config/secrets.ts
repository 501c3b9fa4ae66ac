/** The SecretBox for shop tokens and marketplace secrets, chosen from the environment. */
import { KMSClient } from "@aws-sdk/client-kms";
import { createKmsSecretBox, createLocalSecretBox, type SecretBox } from "../adapters/crypto/secret-box";
import type { Env } from "./env";

/** Seals shop tokens: KMS on AWS, a local key otherwise; without either, sealing fails loudly when first needed. */
export function createSecrets(env: Env): SecretBox {
  if (env.TOKEN_KMS_KEY_ID)
    return createKmsSecretBox(new KMSClient({ region: env.AWS_REGION }), env.TOKEN_KMS_KEY_ID);
  if (env.TOKEN_ENCRYPTION_KEY) return createLocalSecretBox(Buffer.from(env.TOKEN_ENCRYPTION_KEY, "base64"));
  const missing = async (): Promise<string> => {
    throw new Error("Set TOKEN_KMS_KEY_ID (AWS) or TOKEN_ENCRYPTION_KEY (local) to store Shopify tokens.");
  };
  return { seal: missing, open: missing };
}
