import { createCurrentTimeTool } from "@molt/agent";
import type { InboundMessage } from "@molt/contracts";
import type { ToolSet } from "ai";

/** What a turn's tools may depend on: the person, the message, and the turn's stop signal. */
export interface TurnContext {
  env: Env;
  userId: string;
  message: InboundMessage;
  abortSignal: AbortSignal;
  /** Memory, skill and reminder tools, bound to the agent's state by the UserAgent. */
  personalTools?: ToolSet;
}

/** The tools offered to the model for one turn; each capability adds its own set here. */
export function buildTurnTools(context: TurnContext): ToolSet {
  return { current_time: createCurrentTimeTool(), ...context.personalTools };
}
