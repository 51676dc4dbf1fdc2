import type { OperatorMcpServer } from "@molt/contracts";

/**
 * The operator's MCP servers, in the Directory's SQLite (`mcp_operator_servers`): the list every
 * person's agent connects on its next turn. The only writer of that table.
 */
export class OperatorMcpStore {
  constructor(private readonly sql: SqlStorage) {}

  list(): OperatorMcpServer[] {
    return this.sql
      .exec<{ name: string; url: string; added_by: string; added_at: number }>(
        "SELECT name, url, added_by, added_at FROM mcp_operator_servers ORDER BY added_at, name",
      )
      .toArray()
      .map((row) => ({
        name: row.name,
        url: row.url,
        addedBy: row.added_by,
        addedAt: row.added_at,
      }));
  }

  /** False when the name is taken (case-insensitively). */
  add(server: OperatorMcpServer): boolean {
    const taken = this.sql
      .exec("SELECT 1 FROM mcp_operator_servers WHERE lower(name) = lower(?)", server.name)
      .toArray();
    if (taken.length > 0) return false;
    this.sql.exec(
      "INSERT INTO mcp_operator_servers (name, url, added_by, added_at) VALUES (?, ?, ?, ?)",
      server.name,
      server.url,
      server.addedBy,
      server.addedAt,
    );
    return true;
  }

  remove(name: string): boolean {
    return (
      this.sql.exec("DELETE FROM mcp_operator_servers WHERE lower(name) = lower(?)", name)
        .rowsWritten > 0
    );
  }
}
