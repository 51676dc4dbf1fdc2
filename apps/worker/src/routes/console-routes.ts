import {
  CONSOLE_IDENTITY_PREFIX,
  type ConsoleMessageResult,
  type ConsoleReplies,
  consoleMessageBodySchema,
} from "@molt/contracts";
import { Hono } from "hono";
import { z } from "zod";
import { getDirectory } from "../directory/directory";
import { type AdminEnv, assertKnownUser, requireKnownUserAgent } from "./admin-env";
import { consoleInboundMessage } from "./console-message";
import { storeConsoleUpload } from "./console-upload";
import { getUserAgent } from "./deliver-to-agent";
import { parseJsonBody, parseParam } from "./json-body";

const afterSchema = z.coerce.number().int().min(0).default(0);

/**
 * The operator's console: the same agent, inbox and history as the chat channels, reached through
 * the admin API. `pnpm chat` and the admin UI's chat use it.
 */
export const consoleRoutes = new Hono<AdminEnv>()
  .post("/chat", async (c) => {
    const body = await parseJsonBody(c, consoleMessageBodySchema);
    const email = c.get("adminEmail");
    const identity = `${CONSOLE_IDENTITY_PREFIX}${email}`;
    const now = Date.now();
    // Another user's agent only when it exists; the operator's own is made on first use.
    if (body.userId) await assertKnownUser(c.env, body.userId);
    const userId = body.userId ?? (await getDirectory(c.env).ensureUser(identity, email, now));
    const written = consoleInboundMessage(email, body.text, now);
    const message = body.attachment
      ? {
          ...written,
          command: undefined,
          attachments: [
            await storeConsoleUpload(c.env.WORKSPACES, userId, written.id, body.attachment),
          ],
        }
      : written;
    const { conversationKey } = message;
    const agent = await getUserAgent(c.env, userId);
    const afterSeq = await agent.lastReplySeq(conversationKey);
    const { status } = await agent.receive(message);
    c.set("auditTarget", `user:${userId}`);
    const result: ConsoleMessageResult = {
      userId,
      conversationKey,
      messageId: message.id,
      status,
      afterSeq,
    };
    return c.json(result, 202);
  })
  .get("/chat/:userId/replies", async (c) => {
    const { agent } = await requireKnownUserAgent(c);
    const after = parseParam(afterSchema, c.req.query("after") ?? "0", "after");
    const conversationKey = `${CONSOLE_IDENTITY_PREFIX}${c.get("adminEmail")}`;
    const replies: ConsoleReplies = await agent.consoleReplies(conversationKey, after);
    return c.json(replies);
  });
