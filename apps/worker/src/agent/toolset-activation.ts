import type { InboundMessage } from "@molt/contracts";
import { z } from "zod";
import { logEvent } from "../observability/log-event";
import type { AgentSettings } from "./agent-settings";
import { isToolsetName, type ToolsetName } from "./toolsets";

/** How a toolset came to be on: the model asked, the model called one of its tools, the message. */
export type ActivationCause = "use_tools" | "tool_call" | "message";

/** Where a conversation's toolsets are kept, for its current session only. */
export interface ToolsetStateStore {
  load(): ToolsetName[];
  save(toolsets: ToolsetName[]): void;
}

const stateSchema = z.object({ sessionId: z.string(), toolsets: z.array(z.string()) });

/**
 * The toolsets on in a conversation, as one `agent_settings` row per conversation naming its
 * session: a new session (`/new`, the daily reset) reads as none on, so a reset clears them
 * without touching this row, and the next activation overwrites it.
 */
export function toolsetStateStore(
  settings: AgentSettings,
  conversationKey: string,
  sessionId: string,
): ToolsetStateStore {
  const key = `toolsets:${conversationKey}`;
  return {
    load: () => {
      const state = settings.json(key, stateSchema);
      if (state?.sessionId !== sessionId) return [];
      return state.toolsets.filter(isToolsetName);
    },
    save: (toolsets) => settings.setJson(key, { sessionId, toolsets }),
  };
}

export interface ToolsetActivationOptions {
  store: ToolsetStateStore;
  userId: string;
  conversationKey: string;
}

/**
 * Which toolsets are on in this turn. Turning one on is stored at once, so it stays on for the
 * rest of the session (the tool list then stays the same from turn to turn, which keeps a
 * provider's prompt cache warm) and survives a turn that is re-run after a crash.
 */
export class ToolsetActivation {
  private readonly on: Set<ToolsetName>;

  constructor(private readonly options: ToolsetActivationOptions) {
    this.on = new Set(options.store.load());
  }

  isOn(toolset: ToolsetName): boolean {
    return this.on.has(toolset);
  }

  /** Turns the toolsets on; answers those that were off. */
  activate(toolsets: readonly ToolsetName[], cause: ActivationCause): ToolsetName[] {
    const added = toolsets.filter((toolset) => !this.on.has(toolset));
    if (added.length === 0) return [];
    for (const toolset of added) this.on.add(toolset);
    this.options.store.save([...this.on]);
    logEvent("toolset", {
      userId: this.options.userId,
      conversationId: this.options.conversationKey,
      toolsets: added.join(","),
      cause,
    });
    return added;
  }
}

/** The activation of one turn of a conversation, kept in the agent's settings. */
export function openToolsetActivation(
  settings: AgentSettings,
  userId: string,
  message: Pick<InboundMessage, "conversationKey">,
  sessionId: string,
): ToolsetActivation {
  const { conversationKey } = message;
  const store = toolsetStateStore(settings, conversationKey, sessionId);
  return new ToolsetActivation({ store, userId, conversationKey });
}

/** A web address in the text: with or without a scheme, or a bare `www.` host. */
const WEB_ADDRESS = /\bhttps?:\/\/\S|\bwww\.[a-z0-9-]+\.[a-z]/i;

/**
 * What the message rules read: its text and, where the channel brings them, its attachments
 * (`InboundMessage.attachments`, each with a `kind`).
 */
export interface MessageForToolsets {
  text: string;
  attachments?: readonly { kind: string }[];
}

/**
 * Toolsets a message needs before the model says so, decided without a model call. Only rules
 * that are cheap and rarely wrong: a web address means the web tools (the person almost always
 * wants the page read), a received document means the computer (where files are read and
 * converted). A wrong guess costs only the schemas of one toolset for the session.
 */
export function toolsetsNeededBy(message: MessageForToolsets): ToolsetName[] {
  const needed: ToolsetName[] = [];
  if (WEB_ADDRESS.test(message.text)) needed.push("web");
  if (message.attachments?.some((attachment) => attachment.kind === "document")) {
    needed.push("computer");
  }
  return needed;
}
