import {
  CONSOLE_IDENTITY_PREFIX,
  type ConsoleMessageResult,
  type ConsoleReplies,
  consoleMessageBodySchema,
  userIdSchema,
} from "@molt/contracts";
import { Hono } from "hono";
import { z } from "zod";
import { getDirectory } from "../directory/directory";
import { AppError } from "../errors";
import type { AdminVariables } from "../middleware/access-auth";
import { consoleInboundMessage } from "./console-message";
import { getUserAgent } from "./deliver-to-agent";
import { parseJsonBody, parseParam } from "./json-body";

type AdminEnv = { Bindings: Env; Variables: AdminVariables };

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
    const directory = getDirectory(c.env);
    const now = Date.now();
    const userId = body.userId ?? (await directory.ensureUser(identity, email, now));
    if (body.userId && !(await directory.hasUser(body.userId))) {
      throw new AppError("not_found", `No user ${body.userId}.`);
    }
    const message = consoleInboundMessage(email, body.text, now);
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
    const userId = parseParam(userIdSchema, c.req.param("userId"), "user id");
    const after = parseParam(afterSchema, c.req.query("after") ?? "0", "after");
    const conversationKey = `${CONSOLE_IDENTITY_PREFIX}${c.get("adminEmail")}`;
    const agent = await getUserAgent(c.env, userId);
    const replies: ConsoleReplies = await agent.consoleReplies(conversationKey, after);
    return c.json(replies);
  });
