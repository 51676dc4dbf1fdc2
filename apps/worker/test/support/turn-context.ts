import { env } from "cloudflare:test";
import { MemoryWorkspaceStore } from "@molt/agent";
import {
  normalizeSlackEvent,
  normalizeTelegramUpdate,
  slackEventCallbackSchema,
  telegramUpdateSchema,
} from "@molt/channels";
import type { InboundMessage } from "@molt/contracts";
import appMention from "../../../../tests/fixtures/slack/app-mention.json";
import groupMention from "../../../../tests/fixtures/telegram/group-mention.json";
import privateText from "../../../../tests/fixtures/telegram/private-text.json";
import type { TurnContext } from "../../src/agent/turn-context";
import type { BrowserState } from "../../src/browser/browser-session";
import type { TurnAttachment } from "../../src/browser/build-web-tools";
import { consoleInboundMessage } from "../../src/routes/console-message";
import type { SandboxPort } from "../../src/sandbox/sandbox-port";

const NOW = Date.parse("2026-03-02T10:00:00Z");

function normalized<T extends { kind: string }>(result: T): InboundMessage {
  if (!("message" in result)) throw new Error(`fixture was not a message: ${result.kind}`);
  return result.message as InboundMessage;
}

function telegramMessage(fixture: unknown, botUsername?: string): InboundMessage {
  const update = telegramUpdateSchema.parse(fixture);
  return normalized(normalizeTelegramUpdate(update, { botId: undefined, botUsername, now: NOW }));
}

/** One message of each kind of conversation, parsed and normalized as the webhooks do. */
export const CONVERSATION_MESSAGES = {
  "Telegram private chat": () => telegramMessage(privateText),
  "Telegram group": () => telegramMessage(groupMention, "Molt_Test_Bot"),
  "Slack channel thread": () =>
    normalized(
      normalizeSlackEvent(slackEventCallbackSchema.parse(appMention), {
        botUserId: "U0LAN0Z89",
        now: NOW,
      }),
    ),
  "web chat": () => consoleInboundMessage("ops@example.com", "hello", NOW),
} satisfies Record<string, () => InboundMessage>;

/** A computer that must not be reached: building tools never starts it. */
const untouchedSandbox = new Proxy({} as SandboxPort, {
  get: (_target, property) => () => {
    throw new Error(`the test sandbox was used (${String(property)})`);
  },
});

/**
 * The context a turn gives its tools, with in-memory workspace, reminders and browser state.
 * `settings` override Worker vars for this context only (e.g. no Brave Search key).
 */
export function turnContextForTest(
  message: InboundMessage,
  settings: Partial<Record<keyof Env, string | undefined>> = {},
) {
  let state: BrowserState | undefined;
  const attachments: TurnAttachment[] = [];
  const workspace = new MemoryWorkspaceStore();
  const context: TurnContext = {
    env: { ...env, ...settings } as Env,
    userId: `tool-test-${crypto.randomUUID()}`,
    message,
    abortSignal: new AbortController().signal,
    personal: {
      workspace,
      timeZone: "UTC",
      searchMemory: async () => [],
      onMemoryFileChanged: async () => {},
      forgetInSessions: async () => 0,
      reminderBook: {
        add: async () => {
          throw new Error("no reminders in this test");
        },
        list: async () => [],
        cancel: async () => false,
      },
    },
    browserState: {
      load: () => state,
      save: (next) => {
        state = next;
      },
    },
    attachments,
    sandbox: untouchedSandbox,
  };
  return { context, attachments, state: () => state };
}
