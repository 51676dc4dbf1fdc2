import { z } from "zod";
import type { BrowserState, BrowserStateStore } from "../browser/browser-session";
import type { SandboxState, SandboxStateStore } from "../sandbox/managed-sandbox";
import type { AgentSettings } from "./agent-settings";

const BROWSER_STATE_KEY = "browser_state";
const SANDBOX_STATE_KEY = "sandbox_state";

const browserStateSchema = z.object({
  sessionId: z.string().min(1),
  targetId: z.string().min(1).optional(),
}) satisfies z.ZodType<BrowserState>;

const sandboxStateSchema = z.object({
  token: z.string().min(1),
  marker: z.string().nullable(),
  startedAt: z.number(),
  lastActivityAt: z.number(),
}) satisfies z.ZodType<SandboxState>;

/** The person's Browser Rendering session and tab, kept so the next call reuses them. */
export function browserStateStore(settings: AgentSettings): BrowserStateStore {
  return {
    load: () => settings.json(BROWSER_STATE_KEY, browserStateSchema),
    save: (state) => settings.setJson(BROWSER_STATE_KEY, state),
  };
}

/** The running computer's token and snapshot marker, so an evicted agent adopts it. */
export function sandboxStateStore(settings: AgentSettings): SandboxStateStore {
  return {
    load: () => settings.json(SANDBOX_STATE_KEY, sandboxStateSchema),
    save: (state) => {
      if (state) settings.setJson(SANDBOX_STATE_KEY, state);
      else settings.delete(SANDBOX_STATE_KEY);
    },
  };
}
