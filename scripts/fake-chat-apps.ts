/**
 * `npx tsx scripts/fake-chat-apps.ts`: the local Graph API and LINE API fakes on port 4010 (PORT to change), printing
 * every message our app sends through them: the README's WhatsApp walk-through answers against it.
 */
import { startFakeChatApps } from "../test/support/fake-chat-apps";

const port = Number(process.env.PORT ?? 4010);
const fake = await startFakeChatApps(
  {
    whatsapp: {
      phoneNumberId: "106540352242922",
      accessToken: "demo-wa-token",
      appSecret: "demo-app-secret",
    },
    messenger: { pageId: "1234567890123", pageAccessToken: "demo-page-token", appSecret: "demo-app-secret" },
    line: {
      botUserId: `U${"a".repeat(32)}`,
      channelAccessToken: "demo-line-token",
      channelSecret: "demo-line-secret",
    },
  },
  { port, onRequest: (r) => console.log(`${r.channel} ${r.endpoint} ${JSON.stringify(r.body)}`) },
);
console.log(`Graph API fake: ${fake.graphBase}\nLINE API fake:  ${fake.lineBase}`);
process.on("SIGINT", () => void fake.stop().then(() => process.exit(0)));
