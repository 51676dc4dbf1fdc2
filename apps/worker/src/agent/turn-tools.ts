import { createComputerTools, createCurrentTimeTool } from "@molt/agent";
import type { InboundMessage } from "@molt/contracts";
import type { ToolSet } from "ai";
import type { BrowserStateStore } from "../browser/browser-session";
import { buildWebTools, type TurnAttachment } from "../browser/build-web-tools";
import { createRuntimeComputerClient } from "../sandbox/runtime-computer-client";
import type { SandboxPort } from "../sandbox/sandbox-port";

/** What a turn's tools may depend on: the person, the message, and the turn's stop signal. */
export interface TurnContext {
  env: Env;
  userId: string;
  message: InboundMessage;
  abortSignal: AbortSignal;
  /** Memory, skill and reminder tools, bound to the agent's state by the UserAgent. */
  personalTools?: ToolSet;
  /** Where the person's browser session and tab are remembered between calls. */
  browserState: BrowserStateStore;
  /** Images produced during the turn (screenshots); sent with the reply. */
  attachments: TurnAttachment[];
  /** The person's computer; nothing starts it until a tool first needs it. */
  sandbox: SandboxPort;
}

/** The tools offered to the model for one turn; each capability adds its own set here. */
export function buildTurnTools(context: TurnContext): ToolSet {
  return {
    current_time: createCurrentTimeTool(),
    ...context.personalTools,
    ...buildWebTools(context),
    ...createComputerTools(createRuntimeComputerClient(context.sandbox)),
  };
}
