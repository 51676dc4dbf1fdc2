/**
 * Names of the actions the UI knows by their route, parameters written `:_` whatever their name;
 * other changing routes get a derived name.
 */
const ACTION_NAMES: Record<string, string> = {
  "POST /api/pairing/:_/approve": "pairing.approve",
  "POST /api/pairing/:_/deny": "pairing.deny",
  "DELETE /api/identities/:_": "identity.revoke",
  "PUT /api/users/:_/files/content": "file.write",
  "POST /api/users/:_/import": "user.import",
  "DELETE /api/users/:_/schedules/:_": "schedule.cancel",
  "PUT /api/users/:_/usage": "usage.limit",
  "PUT /api/users/:_/model": "model.set",
  "PUT /api/users/:_/approvals": "approvals.policy",
  "POST /api/chat/:_/approvals/:_": "chat.approval",
  "POST /api/chat": "chat.send",
  "POST /api/mcp": "mcp.add",
  "DELETE /api/mcp/:_": "mcp.remove",
  "POST /api/users/:_/mcp": "mcp.person.add",
  "POST /api/users/:_/mcp/:_/test": "mcp.person.test",
  "DELETE /api/users/:_/mcp/:_": "mcp.person.remove",
};

/** `POST /api/users/:userId/sandbox/restart` → `sandbox.restart`; DELETE adds `.delete`. */
export function deriveActionName(method: string, pattern: string): string {
  const known = ACTION_NAMES[`${method} ${pattern.replace(/:\w+(\{[^}]*\})?/g, ":_")}`];
  if (known) return known;
  const words = pattern
    .replace(/^\/api\//, "")
    .split("/")
    .filter((part) => part && !part.startsWith(":") && part !== "users");
  if (method === "DELETE") words.push("delete");
  return words.join(".") || method.toLowerCase();
}
