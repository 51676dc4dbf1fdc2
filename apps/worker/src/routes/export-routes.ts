import {
  MAX_USER_IMPORT_BYTES,
  type UserImportPreview,
  type UserImportResult,
} from "@molt/contracts";
import { Hono } from "hono";
import { AppError } from "../errors";
import { archiveDigest, findInstructionChanges } from "../export/instruction-changes";
import { buildUserArchive, parseUserArchive } from "../export/user-archive";
import { type AdminEnv, requireKnownUser } from "./admin-env";
import { getUserAgent } from "./deliver-to-agent";
import { workspaceStore } from "./workspace-routes";

/** Download a user's workspace, sessions summary and schedules as one zip; restore one. */
export const exportRoutes = new Hono<AdminEnv>()
  .get("/users/:userId/export", async (c) => {
    const userId = await requireKnownUser(c);
    const store = workspaceStore(c.env, userId);
    const entries = await store.list();
    // The archive is built in memory: a workspace too large to import again is refused here too.
    const totalBytes = entries.reduce((sum, entry) => sum + entry.size, 0);
    if (totalBytes > MAX_USER_IMPORT_BYTES) {
      throw new AppError(
        "payload_too_large",
        `The workspace holds ${totalBytes} bytes, more than one archive may (${MAX_USER_IMPORT_BYTES}).`,
      );
    }
    const files = [];
    for (const entry of entries) {
      const content = await store.readBytes(entry.path);
      if (content) files.push({ path: entry.path, content });
    }
    const agent = await getUserAgent(c.env, userId);
    const conversations = await agent.conversations();
    const histories = [];
    for (const conversation of conversations) {
      histories.push(await agent.conversationHistory(conversation.conversationKey));
    }
    const now = Date.now();
    const archive = buildUserArchive({
      userId,
      exportedAt: now,
      files,
      sessions: { conversations, histories },
      schedules: { included: true, data: { schedules: await agent.scheduleSummaries() } },
    });
    c.set("auditAction", "user.export");
    c.set("auditTarget", `user:${userId}`);
    c.set("auditDetail", `${files.length} files`);
    const day = new Date(now).toISOString().slice(0, 10);
    return c.body(archive.slice().buffer, 200, {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="molt-${userId}-${day}.zip"`,
    });
  })
  .post("/users/:userId/import/preview", async (c) => {
    const userId = await requireKnownUser(c);
    const bytes = await readArchiveUpload(c.req.raw);
    const archive = parseUserArchive(bytes);
    const store = workspaceStore(c.env, userId);
    const preview: UserImportPreview = {
      archiveSha256: await archiveDigest(bytes),
      files: archive.files.map((file) => ({ path: file.path, size: file.content.byteLength })),
      instructionChanges: await findInstructionChanges(archive, (path) => store.readText(path)),
      skipped: archive.skipped,
    };
    c.set("auditTarget", `user:${userId}`);
    return c.json(preview);
  })
  .post("/users/:userId/import", async (c) => {
    const userId = await requireKnownUser(c);
    const bytes = await readArchiveUpload(c.req.raw);
    const archive = parseUserArchive(bytes);
    const store = workspaceStore(c.env, userId);
    const changes = await findInstructionChanges(archive, (path) => store.readText(path));
    // Instruction files steer the agent: they change only after the operator saw them.
    if (changes.length > 0 && c.req.query("confirm") !== (await archiveDigest(bytes))) {
      throw new AppError(
        "conflict",
        `The archive changes instruction files (${changes.map((change) => change.path).join(", ")}): preview it first (POST /api/users/${userId}/import/preview) and confirm with ?confirm=<archiveSha256>.`,
        { instructionFiles: changes.map((change) => change.path) },
      );
    }
    try {
      for (const file of archive.files) await store.write(file.path, file.content);
    } finally {
      // Even a partly applied import changed files the agent may hold cached for its prompt.
      await (await getUserAgent(c.env, userId)).forgetWorkspaceFiles(
        archive.files.map((file) => file.path),
      );
    }
    c.set("auditTarget", `user:${userId}`);
    c.set(
      "auditDetail",
      `${archive.files.length} files from an export of ${archive.manifest.userId}${changes.length ? `, instruction files changed: ${changes.map((change) => change.path).join(", ")}` : ""}`,
    );
    const result: UserImportResult = {
      userId,
      filesRestored: archive.files.length,
      skipped: archive.skipped,
    };
    return c.json(result);
  });

/** The uploaded archive, refused (413) past the cap before or while it is read. */
async function readArchiveUpload(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_USER_IMPORT_BYTES) throw tooLarge();
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > MAX_USER_IMPORT_BYTES) throw tooLarge();
  return bytes;
}

function tooLarge(): AppError {
  return new AppError(
    "payload_too_large",
    `The archive is larger than ${MAX_USER_IMPORT_BYTES} bytes.`,
  );
}
