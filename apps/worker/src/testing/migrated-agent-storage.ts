import { USER_AGENT_MIGRATIONS, USER_AGENT_SCHEMA } from "../agent/user-agent-schema";
import { applySqlMigrations } from "../storage/sql-migrations";
import { createNodeDurableStorage, type NodeDurableStorage } from "./node-sql-storage";

/** A fresh person's agent storage in Node, with every migration applied, as a wake-up leaves it. */
export function createMigratedAgentStorage(): NodeDurableStorage {
  const storage = createNodeDurableStorage();
  applySqlMigrations(storage, USER_AGENT_SCHEMA, USER_AGENT_MIGRATIONS);
  return storage;
}
