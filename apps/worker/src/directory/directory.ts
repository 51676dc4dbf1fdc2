import { DurableObject } from "cloudflare:workers";
import {
  type AuditEntry,
  type OperatorMcpServer,
  type ReplyAddress,
  replyAddressSchema,
} from "@molt/contracts";
import { AuditLogStore, type NewAuditEntry } from "../audit/audit-log-store";
import { OperatorMcpStore } from "../mcp/operator-mcp-store";
import { applySqlMigrations, migrationTargetOf } from "../storage/sql-migrations";
import { DIRECTORY_MIGRATIONS, DIRECTORY_SCHEMA } from "./directory-schema";
import { generatePairingCode, generateUserId } from "./pairing-code";

/** A stranger who keeps writing gets the pairing code again at most this often. */
export const PAIRING_REMINDER_INTERVAL_MS = 60 * 60 * 1000;

export interface IdentityLookup {
  identity: string;
  senderName?: string;
  address: ReplyAddress;
  /** Pre-approved by an allow list: becomes a user without pairing. */
  preApproved: boolean;
  now: number;
}

export type IdentityResolution =
  | { status: "approved"; userId: string }
  | { status: "pending"; code: string; notify: boolean }
  | { status: "denied" };

export interface PairingRequest {
  code: string;
  identity: string;
  senderName: string | null;
  status: "pending" | "denied";
  createdAt: number;
  lastSeenAt: number;
}

export interface UserSummary {
  userId: string;
  displayName: string | null;
  createdAt: number;
  identities: string[];
}

export type ApprovalResult =
  | { ok: true; userId: string; identity: string; address: ReplyAddress }
  | { ok: false; reason: "unknown_code" | "unknown_user" };

/**
 * The one global directory: which channel identities belong to which user, and who is waiting
 * for approval. A singleton, because identity lookups must agree across every webhook.
 */
export class Directory extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly audit: AuditLogStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    applySqlMigrations(migrationTargetOf(ctx.storage), DIRECTORY_SCHEMA, DIRECTORY_MIGRATIONS);
    this.audit = new AuditLogStore(this.sql);
  }

  recordAudit(entry: NewAuditEntry): void {
    this.audit.record(entry);
  }

  listAudit(beforeSeq?: number): AuditEntry[] {
    return this.audit.list(beforeSeq);
  }

  /** The operator's MCP servers, which every person's agent connects. */
  listOperatorMcpServers(): OperatorMcpServer[] {
    return new OperatorMcpStore(this.sql).list();
  }

  addOperatorMcpServer(server: OperatorMcpServer): boolean {
    return new OperatorMcpStore(this.sql).add(server);
  }

  removeOperatorMcpServer(name: string): boolean {
    return new OperatorMcpStore(this.sql).remove(name);
  }

  resolveIdentity(lookup: IdentityLookup): IdentityResolution {
    const known = this.sql
      .exec<{ user_id: string }>(
        "SELECT user_id FROM identities WHERE identity = ?",
        lookup.identity,
      )
      .toArray()[0];
    if (known) return { status: "approved", userId: known.user_id };
    if (lookup.preApproved) {
      const userId = this.createUser(lookup.senderName ?? null, lookup.now);
      this.linkIdentity(lookup.identity, userId, lookup.now);
      return { status: "approved", userId };
    }
    return this.recordPairingRequest(lookup);
  }

  listPairingRequests(): PairingRequest[] {
    return this.sql
      .exec<{
        code: string;
        identity: string;
        sender_name: string | null;
        status: "pending" | "denied";
        created_at: number;
        last_seen_at: number;
      }>("SELECT * FROM pairing_requests ORDER BY created_at")
      .toArray()
      .map((row) => ({
        code: row.code,
        identity: row.identity,
        senderName: row.sender_name,
        status: row.status,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
      }));
  }

  approvePairing(code: string, options: { userId?: string; now: number }): ApprovalResult {
    const request = this.sql
      .exec<{ identity: string; sender_name: string | null; address_json: string }>(
        "SELECT identity, sender_name, address_json FROM pairing_requests WHERE code = ?",
        code,
      )
      .toArray()[0];
    if (!request) return { ok: false, reason: "unknown_code" };
    let userId = options.userId;
    if (userId) {
      const exists = this.sql.exec("SELECT 1 FROM users WHERE user_id = ?", userId).toArray();
      if (exists.length === 0) return { ok: false, reason: "unknown_user" };
    } else {
      userId = this.createUser(request.sender_name, options.now);
    }
    this.linkIdentity(request.identity, userId, options.now);
    this.sql.exec("DELETE FROM pairing_requests WHERE code = ?", code);
    return {
      ok: true,
      userId,
      identity: request.identity,
      address: replyAddressSchema.parse(JSON.parse(request.address_json)),
    };
  }

  /** A denied sender is ignored from then on, until the operator approves the code after all. */
  denyPairing(code: string): boolean {
    return (
      this.sql.exec("UPDATE pairing_requests SET status = 'denied' WHERE code = ?", code)
        .rowsWritten > 0
    );
  }

  revokeIdentity(identity: string): boolean {
    return this.sql.exec("DELETE FROM identities WHERE identity = ?", identity).rowsWritten > 0;
  }

  /** For trusted callers (the operator's console): the identity's user, created on first use. */
  ensureUser(identity: string, displayName: string, now: number): string {
    const known = this.sql
      .exec<{ user_id: string }>("SELECT user_id FROM identities WHERE identity = ?", identity)
      .toArray()[0];
    if (known) return known.user_id;
    const userId = this.createUser(displayName, now);
    this.linkIdentity(identity, userId, now);
    return userId;
  }

  /** The user an identity belongs to, or null; never starts pairing (for button presses). */
  userOfIdentity(identity: string): string | null {
    return (
      this.sql
        .exec<{ user_id: string }>("SELECT user_id FROM identities WHERE identity = ?", identity)
        .toArray()[0]?.user_id ?? null
    );
  }

  hasUser(userId: string): boolean {
    return this.sql.exec("SELECT 1 FROM users WHERE user_id = ?", userId).toArray().length > 0;
  }

  listUsers(): UserSummary[] {
    const identities = this.sql
      .exec<{ identity: string; user_id: string }>("SELECT identity, user_id FROM identities")
      .toArray();
    return this.sql
      .exec<{ user_id: string; display_name: string | null; created_at: number }>(
        "SELECT * FROM users ORDER BY created_at",
      )
      .toArray()
      .map((row) => ({
        userId: row.user_id,
        displayName: row.display_name,
        createdAt: row.created_at,
        identities: identities.filter((i) => i.user_id === row.user_id).map((i) => i.identity),
      }));
  }

  private recordPairingRequest(lookup: IdentityLookup): IdentityResolution {
    const existing = this.sql
      .exec<{ code: string; status: string; last_notified_at: number }>(
        "SELECT code, status, last_notified_at FROM pairing_requests WHERE identity = ?",
        lookup.identity,
      )
      .toArray()[0];
    if (existing?.status === "denied") return { status: "denied" };
    if (existing) {
      const notify = lookup.now - existing.last_notified_at >= PAIRING_REMINDER_INTERVAL_MS;
      this.sql.exec(
        "UPDATE pairing_requests SET last_seen_at = ?, last_notified_at = ? WHERE code = ?",
        lookup.now,
        notify ? lookup.now : existing.last_notified_at,
        existing.code,
      );
      return { status: "pending", code: existing.code, notify };
    }
    const code = generatePairingCode();
    this.sql.exec(
      `INSERT INTO pairing_requests
        (code, identity, sender_name, address_json, status, created_at, last_seen_at, last_notified_at)
       VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)`,
      code,
      lookup.identity,
      lookup.senderName ?? null,
      JSON.stringify(lookup.address),
      lookup.now,
      lookup.now,
      lookup.now,
    );
    return { status: "pending", code, notify: true };
  }

  private createUser(displayName: string | null, now: number): string {
    const userId = generateUserId();
    this.sql.exec(
      "INSERT INTO users (user_id, display_name, created_at) VALUES (?, ?, ?)",
      userId,
      displayName,
      now,
    );
    return userId;
  }

  private linkIdentity(identity: string, userId: string, now: number): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO identities (identity, user_id, created_at) VALUES (?, ?, ?)",
      identity,
      userId,
      now,
    );
  }
}

export function getDirectory(env: Env): DurableObjectStub<Directory> {
  return env.Directory.get(env.Directory.idFromName("global"));
}
