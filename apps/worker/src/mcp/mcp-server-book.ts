import type { McpServerScope } from "@molt/contracts";

/** What we keep about one MCP server beside the agents SDK's own row (`cf_agents_mcp_servers`). */
export interface McpServerEntry {
  /** The agents SDK's server id. */
  serverId: string;
  name: string;
  url: string;
  scope: McpServerScope;
  addedBy: string;
  addedAt: number;
}

type EntryRow = {
  server_id: string;
  name: string;
  url: string;
  scope: McpServerScope;
  added_by: string;
  added_at: number;
};

/** The agent's `mcp_server_owners` table; its only writer. */
export class McpServerBook {
  constructor(private readonly sql: SqlStorage) {}

  list(): McpServerEntry[] {
    return this.sql
      .exec<EntryRow>("SELECT * FROM mcp_server_owners ORDER BY added_at, name")
      .toArray()
      .map((row) => ({
        serverId: row.server_id,
        name: row.name,
        url: row.url,
        scope: row.scope,
        addedBy: row.added_by,
        addedAt: row.added_at,
      }));
  }

  /** By name, case-insensitively: people type it back in `/mcp remove`. */
  find(name: string): McpServerEntry | undefined {
    return this.list().find((entry) => entry.name.toLowerCase() === name.toLowerCase());
  }

  add(entry: McpServerEntry): void {
    this.sql.exec(
      `INSERT OR REPLACE INTO mcp_server_owners (server_id, name, url, scope, added_by, added_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      entry.serverId,
      entry.name,
      entry.url,
      entry.scope,
      entry.addedBy,
      entry.addedAt,
    );
  }

  remove(serverId: string): void {
    this.sql.exec("DELETE FROM mcp_server_owners WHERE server_id = ?", serverId);
  }
}
