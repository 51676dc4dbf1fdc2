import type {
  ConversationHistory,
  ConversationSummary,
  HistoryEntry,
  UserActivity,
} from "@molt/contracts";
import type { ModelMessage } from "ai";
import { utcDay } from "./agent-store";

/** At most this many history entries are shown per conversation, newest kept. */
export const MAX_HISTORY_ENTRIES = 500;

/**
 * Read-only views of an agent's tables for the admin API: activity for the users table, the
 * conversation list and each conversation's stored history. Nothing here writes.
 */
export class AgentAdminQueries {
  constructor(private readonly sql: SqlStorage) {}

  activity(now: number): UserActivity {
    const dayStart = Date.parse(`${utcDay(now)}T00:00:00Z`);
    const inbox = this.sql
      .exec<{ last: number | null; today: number }>(
        `SELECT MAX(received_at) AS last,
           SUM(CASE WHEN received_at >= ? THEN 1 ELSE 0 END) AS today FROM inbox`,
        dayStart,
      )
      .one();
    const usage = this.sql
      .exec<{ input_tokens: number; output_tokens: number }>(
        "SELECT input_tokens, output_tokens FROM usage_daily WHERE day = ?",
        utcDay(now),
      )
      .toArray()[0];
    return {
      lastActivityAt: inbox.last,
      messagesToday: inbox.today ?? 0,
      inputTokensToday: usage?.input_tokens ?? 0,
      outputTokensToday: usage?.output_tokens ?? 0,
    };
  }

  conversations(): ConversationSummary[] {
    return this.sql
      .exec<{ key: string; messages: number; last: number | null; started: number | null }>(
        `SELECT keys.key AS key,
           (SELECT COUNT(*) FROM inbox WHERE conversation_key = keys.key) AS messages,
           (SELECT MAX(received_at) FROM inbox WHERE conversation_key = keys.key) AS last,
           (SELECT started_at FROM sessions WHERE conversation_key = keys.key) AS started
         FROM (SELECT conversation_key AS key FROM inbox
               UNION SELECT conversation_key FROM sessions) AS keys
         ORDER BY last DESC`,
      )
      .toArray()
      .map((row) => ({
        conversationKey: row.key,
        channel: row.key.split(":")[0] ?? "unknown",
        messages: row.messages,
        lastMessageAt: row.last,
        sessionStartedAt: row.started,
      }));
  }

  history(conversationKey: string): ConversationHistory {
    // Session ids are `<conversation key>@<start time>`; a prefix comparison avoids LIKE escapes.
    const prefix = `${conversationKey}@`;
    const rows = this.sql
      .exec<{ session_id: string; message_json: string; created_at: number }>(
        `SELECT session_id, message_json, created_at FROM (
           SELECT seq, session_id, message_json, created_at FROM history
           WHERE substr(session_id, 1, length(?)) = ? ORDER BY seq DESC LIMIT ?)
         ORDER BY seq`,
        prefix,
        prefix,
        MAX_HISTORY_ENTRIES,
      )
      .toArray();
    const sessions: ConversationHistory["sessions"] = [];
    for (const row of rows) {
      let session = sessions.at(-1);
      if (session?.sessionId !== row.session_id) {
        session = { sessionId: row.session_id, entries: [] };
        sessions.push(session);
      }
      session.entries.push(toHistoryEntry(JSON.parse(row.message_json), row.created_at));
    }
    return { conversationKey, sessions };
  }
}

/** A stored model message as text a person can read: tool calls and results are named. */
export function toHistoryEntry(message: ModelMessage, createdAt: number): HistoryEntry {
  const { content } = message;
  if (typeof content === "string") return { role: message.role, text: content, createdAt };
  const text = content
    .map((part) => {
      switch (part.type) {
        case "text":
          return part.text;
        case "tool-call":
          return `[tool call: ${part.toolName}]`;
        case "tool-result":
          return `[tool result: ${part.toolName}]`;
        default:
          return `[${part.type}]`;
      }
    })
    .join("\n");
  return { role: message.role, text, createdAt };
}
