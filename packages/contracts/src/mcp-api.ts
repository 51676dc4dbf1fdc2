import { z } from "zod";

/**
 * The agents SDK's connection states, plus `not-connected` (stored, no connection made yet in
 * this wake of the agent).
 */
export const mcpServerStateSchema = z.enum([
  "ready",
  "authenticating",
  "connecting",
  "connected",
  "discovering",
  "failed",
  "not-connected",
]);
export type McpServerState = z.infer<typeof mcpServerStateSchema>;

/** Who a server is for: everybody (the operator's list) or one person. */
export const mcpServerScopeSchema = z.enum(["operator", "person"]);
export type McpServerScope = z.infer<typeof mcpServerScopeSchema>;

/** A server's name: what the person types in `/mcp remove` and what its tools are prefixed with. */
export const mcpServerNameSchema = z
  .string()
  .trim()
  .min(1, "name must not be empty")
  .max(40, "name must be at most 40 characters")
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]*$/,
    "name must start with a letter and use only A-Z, 0-9, _ and -",
  );

export const mcpServerUrlSchema = z.string().trim().min(1).max(2000);

/** One tool of a server as the model sees it (`name`) and as the server calls it (`serverTool`). */
export const mcpToolSummarySchema = z.object({
  name: z.string(),
  serverTool: z.string(),
  /** The server's description, capped; untrusted text. */
  description: z.string(),
});
export type McpToolSummary = z.infer<typeof mcpToolSummarySchema>;

/** A server in one person's agent, with its live state. */
export const mcpServerSummarySchema = z.object({
  name: z.string(),
  url: z.string(),
  scope: mcpServerScopeSchema,
  state: mcpServerStateSchema,
  /** The connection's error in plain words, or null. */
  error: z.string().nullable(),
  /** The sign-in link while the server waits for OAuth, or null. */
  authUrl: z.string().nullable(),
  tools: z.array(mcpToolSummarySchema),
  addedBy: z.string(),
  addedAt: z.number(),
});
export type McpServerSummary = z.infer<typeof mcpServerSummarySchema>;

/** `GET /api/users/{userId}/mcp`: the person's servers (their own and the operator's). */
export const personMcpServersSchema = z.object({
  servers: z.array(mcpServerSummarySchema),
  /** `MCP_ALLOW_USER_SERVERS`: whether the person may add their own from chat. */
  allowUserServers: z.boolean(),
});
export type PersonMcpServers = z.infer<typeof personMcpServersSchema>;

/** A server on the operator's list, connected by every person's agent on its next turn. */
export const operatorMcpServerSchema = z.object({
  name: z.string(),
  url: z.string(),
  addedBy: z.string(),
  addedAt: z.number(),
});
export type OperatorMcpServer = z.infer<typeof operatorMcpServerSchema>;

/** `GET /api/mcp`: the operator's servers. */
export const operatorMcpServersSchema = z.object({
  servers: z.array(operatorMcpServerSchema),
  allowUserServers: z.boolean(),
});
export type OperatorMcpServers = z.infer<typeof operatorMcpServersSchema>;

/** `POST /api/mcp`, `POST /api/users/{userId}/mcp`: a server to add. */
export const addMcpServerBodySchema = z.object({
  url: mcpServerUrlSchema,
  name: mcpServerNameSchema,
});
export type AddMcpServerBody = z.infer<typeof addMcpServerBodySchema>;
