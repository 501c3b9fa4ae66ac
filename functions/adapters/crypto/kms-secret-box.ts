/**
 * KMS envelope encryption, in a module of its own so the KMS client is bundled as a chunk loaded when a shop secret
 * is first sealed or opened on AWS, not at every cold start (functions/config/secrets.ts).
 */
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from "@aws-sdk/client-kms";
import { gcmOpen, gcmSeal, type SecretBox } from "./secret-box";

/** KMS envelope encryption: the data key is generated and unwrapped by KMS under the shop's encryption context. */
export function createKmsSecretBox(kms: KMSClient, keyId: string): SecretBox {
  const unwrapped = new Map<string, Uint8Array>();
  return {
    async seal(plaintext, context) {
      const dataKey = await kms.send(
        new GenerateDataKeyCommand({
          KeyId: keyId,
          KeySpec: "AES_256",
          EncryptionContext: { shop: context },
        }),
      );
      if (!dataKey.Plaintext || !dataKey.CiphertextBlob) throw new Error("KMS returned no data key");
      const sealed = gcmSeal(dataKey.Plaintext, plaintext, context);
      return JSON.stringify({
        v: 1,
        alg: "kms",
        key: Buffer.from(dataKey.CiphertextBlob).toString("base64"),
        ...sealed,
      });
    },
    async open(raw, context) {
      const sealed = JSON.parse(raw) as { key: string; iv: string; tag: string; data: string };
      let key = unwrapped.get(`${context}:${sealed.key}`);
      if (!key) {
        const result = await kms.send(
          new DecryptCommand({
            CiphertextBlob: Buffer.from(sealed.key, "base64"),
            EncryptionContext: { shop: context },
          }),
        );
        if (!result.Plaintext) throw new Error("KMS returned no plaintext");
        key = result.Plaintext;
        unwrapped.set(`${context}:${sealed.key}`, key);
      }
      return gcmOpen(key, sealed, context);
    },
  };
}
