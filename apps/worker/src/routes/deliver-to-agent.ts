import type { InboundMessage } from "@molt/contracts";
import { getAgentByName } from "agents";
import type { Context } from "hono";
import type { UserAgent } from "../agent/user-agent";
import type { UserAgentStub } from "../agent/user-agent-rpc";
import { sendNoticeInBackground } from "../channels/reply-channel";
import { getDirectory } from "../directory/directory";

export function getUserAgent(env: Env, userId: string): Promise<UserAgentStub> {
  return getAgentByName<Env, UserAgent>(env.UserAgent, userId);
}

export type DeliveryOutcome =
  | { outcome: "accepted" | "duplicate"; userId: string }
  | { outcome: "pairing"; code: string }
  | { outcome: "denied" };

export interface DeliveryOptions {
  /** Approved without pairing by the channel's allow list. */
  preApproved: boolean;
  /**
   * Post the pairing code into the conversation (the default). A caller that can show it to the
   * stranger alone (a Slack slash command's ephemeral answer) turns this off.
   */
  notifyStranger?: boolean;
}

/**
 * Routes a normalized message to its sender's agent, or starts pairing for a stranger. Returns
 * only after the agent has recorded the message, so the webhook may then acknowledge it.
 */
export async function deliverToAgent<E extends { Bindings: Env }>(
  c: Context<E>,
  message: InboundMessage,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> {
  const resolution = await getDirectory(c.env).resolveIdentity({
    identity: message.identity,
    senderName: message.senderName,
    address: message.address,
    preApproved: options.preApproved,
    now: message.receivedAt,
  });
  if (resolution.status === "denied") return { outcome: "denied" };
  if (resolution.status === "pending") {
    if (resolution.notify && options.notifyStranger !== false) {
      sendNoticeInBackground(c.env, c.executionCtx, message.address, pairingText(resolution.code));
    }
    return { outcome: "pairing", code: resolution.code };
  }
  const agent = await getUserAgent(c.env, resolution.userId);
  const { status } = await agent.receive(message);
  return { outcome: status, userId: resolution.userId };
}

export function pairingText(code: string): string {
  return [
    "Hi! I don't know you yet, so I can't answer.",
    `Ask the operator to approve your pairing code: \`${code}\``,
  ].join("\n\n");
}

/** The `userId` of an accepted delivery, for webhook responses; nothing for other outcomes. */
export function userIdOf(delivery: DeliveryOutcome): { userId?: string } {
  return "userId" in delivery ? { userId: delivery.userId } : {};
}
