import type {
  ConversationHistory,
  ConversationList,
  UserOverview,
  UsersOverview,
} from "@molt/contracts";
import { Hono } from "hono";
import { z } from "zod";
import { getDirectory } from "../directory/directory";
import { type AdminEnv, requireKnownUserAgent } from "./admin-env";
import { getUserAgent } from "./deliver-to-agent";
import { parseParam } from "./json-body";

const conversationKeySchema = z.string().min(1).max(500);

/** Users with their identities and today's activity, and each user's conversations (read only). */
export const userRoutes = new Hono<AdminEnv>()
  .get("/users", async (c) => {
    const users = await getDirectory(c.env).listUsers();
    const overview: UserOverview[] = await Promise.all(
      users.map(async (user) => ({
        ...user,
        // One agent that cannot answer must not hide the others: its activity shows as unknown.
        activity: await (await getUserAgent(c.env, user.userId)).activity().catch(() => null),
      })),
    );
    const body: UsersOverview = { users: overview };
    return c.json(body);
  })
  .get("/users/:userId/conversations", async (c) => {
    const { agent } = await requireKnownUserAgent(c);
    const body: ConversationList = { conversations: await agent.conversations() };
    return c.json(body);
  })
  .get("/users/:userId/conversations/history", async (c) => {
    const { userId, agent } = await requireKnownUserAgent(c);
    const key = parseParam(conversationKeySchema, c.req.query("key") ?? "", "conversation key");
    const body: ConversationHistory = await agent.conversationHistory(key);
    // What a person said to their agent is private: the admin reading it is on the record.
    c.set("auditAction", "conversation.read");
    c.set("auditTarget", `user:${userId} ${key}`);
    return c.json(body);
  });
