import { userIdSchema } from "@molt/contracts";
import { getAgentByName } from "agents";
import { Hono } from "hono";
import type { UserAgent } from "../agent/user-agent";
import { getDirectory } from "../directory/directory";
import { AppError } from "../errors";
import { MCP_OAUTH_CALLBACK_PREFIX } from "../mcp/mcp-oauth-callback-path";
import { parseParam } from "./json-body";

/**
 * Where a browser comes back from an MCP server's sign-in page. Outside Access (the person
 * signing in is not the operator): the agents SDK checks the OAuth `state` (one use, bound to
 * the server and a PKCE verifier it keeps) before it exchanges the code, and stores the tokens
 * in the agent's storage. The agent is reached only for a user the directory knows.
 */
export const mcpOAuthCallbackRoutes = new Hono<{ Bindings: Env }>().get(
  `${MCP_OAUTH_CALLBACK_PREFIX}/:userId`,
  async (c) => {
    const userId = parseParam(userIdSchema, c.req.param("userId"), "user id");
    if (!(await getDirectory(c.env).hasUser(userId))) {
      throw new AppError("not_found", "This sign-in link is not for anyone here.");
    }
    // The agent's own fetch (not an RPC method): the SDK answers the callback there.
    const agent = await getAgentByName<Env, UserAgent>(c.env.UserAgent, userId);
    return agent.fetch(c.req.raw);
  },
);
