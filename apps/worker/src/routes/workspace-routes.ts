import { normalizeWorkspacePath, WorkspacePathError, type WorkspaceStore } from "@molt/agent";
import {
  type WorkspaceFile,
  type WorkspaceListing,
  writeWorkspaceFileBodySchema,
} from "@molt/contracts";
import { Hono } from "hono";
import { AppError } from "../errors";
import { sniffImageType } from "../media/sniff-file-type";
import { R2WorkspaceStore } from "../workspace/r2-workspace-store";
import { type AdminEnv, requireKnownUser } from "./admin-env";
import { getUserAgent } from "./deliver-to-agent";
import { parseJsonBody } from "./json-body";

/** A workspace path from the query, or a 400 naming why it is refused (e.g. it escapes). */
export function parseWorkspacePath(raw: string | undefined): string {
  try {
    return normalizeWorkspacePath(raw ?? "");
  } catch (error) {
    if (error instanceof WorkspacePathError) throw new AppError("bad_request", error.message);
    throw error;
  }
}

/** The directory to list: "" (or "/") is the whole workspace. */
function parseDirectory(raw: string | undefined): string {
  const trimmed = (raw ?? "").trim();
  if (trimmed === "" || trimmed === "/" || trimmed === ".") return "";
  return `${parseWorkspacePath(trimmed)}/`;
}

export function workspaceStore(env: Env, userId: string): WorkspaceStore {
  return new R2WorkspaceStore(env.WORKSPACES, userId);
}

/**
 * A user's workspace files, read and written in R2 (the source of truth), so looking at or
 * editing a file never wakes a sleeping sandbox.
 */
export const workspaceRoutes = new Hono<AdminEnv>()
  .get("/users/:userId/files", async (c) => {
    const userId = await requireKnownUser(c);
    const directory = parseDirectory(c.req.query("path"));
    const files = await workspaceStore(c.env, userId).list(directory);
    const listing: WorkspaceListing = { path: directory, files };
    return c.json(listing);
  })
  .get("/users/:userId/files/content", async (c) => {
    const userId = await requireKnownUser(c);
    const path = parseWorkspacePath(c.req.query("path"));
    const content = await workspaceStore(c.env, userId).readText(path);
    if (content === null) throw new AppError("not_found", `No file ${path} in the workspace.`);
    // A person's files are private: the admin reading one is on the record.
    c.set("auditAction", "file.read");
    c.set("auditTarget", `user:${userId} ${path}`);
    const file: WorkspaceFile = { path, content };
    return c.json(file);
  })
  .get("/users/:userId/files/image", async (c) => {
    // The web chat shows pictures the person sent. Only real pictures are served (by their
    // bytes, never their name) with nosniff, so a file can never run as a page of this origin.
    const userId = await requireKnownUser(c);
    const path = parseWorkspacePath(c.req.query("path"));
    const bytes = await workspaceStore(c.env, userId).readBytes(path);
    if (bytes === null) throw new AppError("not_found", `No file ${path} in the workspace.`);
    const type = sniffImageType(bytes);
    if (!type) throw new AppError("unsupported_media_type", `${path} is not a picture.`);
    c.set("auditAction", "file.read");
    c.set("auditTarget", `user:${userId} ${path}`);
    return c.body(bytes.slice().buffer as ArrayBuffer, 200, {
      "content-type": type,
      "x-content-type-options": "nosniff",
      "cache-control": "private, max-age=3600",
    });
  })
  .put("/users/:userId/files/content", async (c) => {
    const userId = await requireKnownUser(c);
    const path = parseWorkspacePath(c.req.query("path"));
    const body = await parseJsonBody(c, writeWorkspaceFileBodySchema, "a file's content");
    await workspaceStore(c.env, userId).write(path, body.content);
    // The agent keeps the prompt's files in its own storage: its next turn must see this edit.
    await (await getUserAgent(c.env, userId)).forgetWorkspaceFiles([path]);
    c.set("auditTarget", `user:${userId} ${path}`);
    c.set("auditDetail", `${new TextEncoder().encode(body.content).byteLength} bytes`);
    const file: WorkspaceFile = { path, content: body.content };
    return c.json(file);
  });
