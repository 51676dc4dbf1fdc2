import { createComputerTools, createCurrentTimeTool } from "@molt/agent";
import type { InboundMessage } from "@molt/contracts";
import type { ToolSet } from "ai";
import { createRuntimeComputerClient } from "../sandbox/runtime-computer-client";
import type { SandboxPort } from "../sandbox/sandbox-port";

/** What a turn's tools may depend on: the person, the message, and the turn's stop signal. */
export interface TurnContext {
  env: Env;
  userId: string;
  message: InboundMessage;
  abortSignal: AbortSignal;
  /** The person's computer; nothing starts it until a tool first needs it. */
  sandbox: SandboxPort;
}

/** The tools offered to the model for one turn; each capability adds its own set here. */
export function buildTurnTools(context: TurnContext): ToolSet {
  return {
    current_time: createCurrentTimeTool(),
    ...createComputerTools(createRuntimeComputerClient(context.sandbox)),
  };
}
