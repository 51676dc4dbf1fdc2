import {
  addMcpServerBodySchema,
  type McpServerSummary,
  mcpServerNameSchema,
  type OperatorMcpServers,
  type PersonMcpServers,
} from "@molt/contracts";
import { Hono } from "hono";
import { readWorkerConfig } from "../config/worker-config";
import { getDirectory } from "../directory/directory";
import { AppError } from "../errors";
import { checkMcpServerUrl } from "../mcp/mcp-url-policy";
import { type AdminEnv, requireKnownUserAgent } from "./admin-env";
import { parseJsonBody, parseParam } from "./json-body";

/**
 * MCP servers: the operator's list (every person's agent connects it on its next turn) and each
 * person's servers, with their state and tools, as the agent's MCP client sees them.
 */
export const mcpRoutes = new Hono<AdminEnv>()
  .get("/mcp", async (c) => {
    const body: OperatorMcpServers = {
      servers: await getDirectory(c.env).listOperatorMcpServers(),
      allowUserServers: readWorkerConfig(c.env).values.MCP_ALLOW_USER_SERVERS,
    };
    return c.json(body);
  })
  .post("/mcp", async (c) => {
    const { url, name } = await parseJsonBody(c, addMcpServerBodySchema);
    c.set("auditTarget", `mcp:${name}`);
    const checked = await checkMcpServerUrl(c.env, url);
    if (!checked.ok) throw new AppError("bad_request", checked.reason);
    const added = await getDirectory(c.env).addOperatorMcpServer({
      name,
      url: checked.url,
      addedBy: c.get("adminEmail"),
      addedAt: Date.now(),
    });
    if (!added) throw new AppError("conflict", `There is already an MCP server named "${name}".`);
    const body: OperatorMcpServers = {
      servers: await getDirectory(c.env).listOperatorMcpServers(),
      allowUserServers: readWorkerConfig(c.env).values.MCP_ALLOW_USER_SERVERS,
    };
    return c.json(body, 201);
  })
  .delete("/mcp/:name", async (c) => {
    const name = parseParam(mcpServerNameSchema, c.req.param("name"), "server name");
    c.set("auditTarget", `mcp:${name}`);
    if (!(await getDirectory(c.env).removeOperatorMcpServer(name))) {
      throw new AppError("not_found", `No operator MCP server named "${name}".`);
    }
    return c.body(null, 204);
  })
  .get("/users/:userId/mcp", async (c) => {
    const { agent } = await requireKnownUserAgent(c);
    const body: PersonMcpServers = {
      servers: await agent.mcpServerList(),
      allowUserServers: readWorkerConfig(c.env).values.MCP_ALLOW_USER_SERVERS,
    };
    return c.json(body);
  })
  .post("/users/:userId/mcp", async (c) => {
    const { agent, userId } = await requireKnownUserAgent(c);
    const server = await parseJsonBody(c, addMcpServerBodySchema);
    c.set("auditTarget", `user:${userId} mcp:${server.name}`);
    // The sign-in of a server added here comes back to this origin, the admin UI's own.
    const origin = readWorkerConfig(c.env).values.PUBLIC_URL ?? new URL(c.req.url).origin;
    const result = await agent.addPersonMcpServer(server, c.get("adminEmail"), origin);
    if (!result.ok) throw new AppError("bad_request", result.reason);
    const body: McpServerSummary = result.server;
    return c.json(body, 201);
  })
  .post("/users/:userId/mcp/:name/test", async (c) => {
    const { agent } = await requireKnownUserAgent(c);
    const name = parseParam(mcpServerNameSchema, c.req.param("name"), "server name");
    const body: McpServerSummary | undefined = await agent.testMcpServer(name);
    if (!body) throw new AppError("not_found", `No MCP server named "${name}".`);
    return c.json(body);
  })
  .delete("/users/:userId/mcp/:name", async (c) => {
    const { agent, userId } = await requireKnownUserAgent(c);
    const name = parseParam(mcpServerNameSchema, c.req.param("name"), "server name");
    c.set("auditTarget", `user:${userId} mcp:${name}`);
    if (!(await agent.removePersonMcpServer(name))) {
      throw new AppError(
        "not_found",
        `No MCP server of this person named "${name}" (the operator's are removed from the operator's list).`,
      );
    }
    return c.body(null, 204);
  });
