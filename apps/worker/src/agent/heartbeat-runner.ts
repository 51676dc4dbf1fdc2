import {
  HEARTBEAT_PROMPT,
  hasHeartbeatItems,
  isHeartbeatOk,
  isWithinActiveHours,
  WORKSPACE_FILES,
  type WorkspaceStore,
  zonedParts,
} from "@molt/agent";
import { type InboundMessage, inboundMessageSchema } from "@molt/contracts";
import type { WorkerEnvValues } from "../config/worker-config";
import type { AgentStore } from "./agent-store";

const HEARTBEAT_ID_PREFIX = "heartbeat:";
const ORIGIN_SETTING = "heartbeat_origin";

export interface HeartbeatHost {
  store: AgentStore;
  workspace: WorkspaceStore;
  timeZone(): Promise<string>;
  setting(key: string): string | null;
  setSetting(key: string, value: string): void;
  queueInbox(inboxId: string): Promise<void>;
}

export function isHeartbeatMessage(message: InboundMessage): boolean {
  return message.id.startsWith(HEARTBEAT_ID_PREFIX);
}

/** A heartbeat turn that found nothing to say: no reply and nothing kept in the session. */
export function isSilentHeartbeat(message: InboundMessage, reply: string): boolean {
  return message.id.startsWith(HEARTBEAT_ID_PREFIX) && isHeartbeatOk(reply);
}

/**
 * The periodic run over HEARTBEAT.md (off unless HEARTBEAT_INTERVAL_MINUTES is set). It goes to
 * the person's latest private chat, only within active hours and only when the checklist has
 * items, through the inbox so it is serialized with the person's own turns.
 */
export class HeartbeatRunner {
  constructor(private readonly host: HeartbeatHost) {}

  /** Remembers where the person last talked privately: heartbeats go there. */
  noteOrigin(message: InboundMessage): void {
    const generated =
      message.id.startsWith(HEARTBEAT_ID_PREFIX) || message.id.startsWith("reminder:");
    if (message.isGroup || message.command || generated) return;
    this.host.setSetting(ORIGIN_SETTING, JSON.stringify(message));
  }

  /** Returns why it stayed quiet, or "queued" when a heartbeat turn was started. */
  async run(now: number, config: Pick<WorkerEnvValues, "HEARTBEAT_ACTIVE_HOURS">): Promise<string> {
    const saved = this.host.setting(ORIGIN_SETTING);
    if (!saved) return "no private chat yet";
    const timeZone = await this.host.timeZone();
    if (!isWithinActiveHours(zonedParts(now, timeZone).hour, config.HEARTBEAT_ACTIVE_HOURS)) {
      return "outside active hours";
    }
    if (!hasHeartbeatItems(await this.host.workspace.readText(WORKSPACE_FILES.heartbeat))) {
      return "empty checklist";
    }
    const origin = inboundMessageSchema.parse(JSON.parse(saved));
    const message: InboundMessage = {
      ...origin,
      id: `${HEARTBEAT_ID_PREFIX}${now}`,
      text: HEARTBEAT_PROMPT,
      command: undefined,
      address: { ...origin.address, replyToMessageId: undefined },
      receivedAt: now,
    };
    if (this.host.store.recordInbound(message, now)) await this.host.queueInbox(message.id);
    return "queued";
  }
}
