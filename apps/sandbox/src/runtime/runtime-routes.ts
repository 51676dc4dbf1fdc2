import {
  callIdSchema,
  editFileRequestSchema,
  execRequestSchema,
  exportFilesRequestSchema,
  listFilesRequestSchema,
  readFileRequestSchema,
  searchFilesRequestSchema,
  startProcessRequestSchema,
  writeFileRequestSchema,
} from "@molt/contracts";
import { exportFiles, importFiles } from "./bulk-transfer";
import type { CallRegistry } from "./call-registry";
import type { ChangeTracker } from "./change-tracker";
import type { Confinement } from "./confinement";
import { execCommand } from "./exec-command";
import {
  editWorkspaceFile,
  listWorkspaceFiles,
  readTextFile,
  writeWorkspaceFile,
} from "./file-operations";
import { parseWith } from "./parse-body";
import type { ProcessRegistry } from "./process-registry";
import type { RunAs } from "./run-as";
import { RuntimeError } from "./runtime-error";
import { RUNTIME_VERSION } from "./runtime-version";
import { searchWorkspaceFiles } from "./search-files";
import type { WorkspaceRoot } from "./workspace-paths";

export interface RuntimeServices {
  root: WorkspaceRoot;
  runAs: RunAs;
  confinement: Confinement;
  processes: ProcessRegistry;
  changes: ChangeTracker;
  calls: CallRegistry;
  ripgrep: boolean;
  startedAt: number;
}

interface RouteInput {
  raw: string;
  signal: AbortSignal;
  body: Buffer;
  url: URL;
  params: string[];
  services: RuntimeServices;
}

interface Route {
  method: "GET" | "POST";
  pattern: RegExp;
  handle(input: RouteInput): Promise<unknown> | unknown;
}

/** Every endpoint of the runtime; bodies are checked with the shared contract schemas. */
export const runtimeRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/health$/,
    handle: ({ services }) => ({
      ok: true,
      startedAt: services.startedAt,
      runAs: services.runAs,
      ripgrep: services.ripgrep,
      version: RUNTIME_VERSION,
    }),
  },
  {
    // A stopped turn: the request with this call id is aborted (a command is killed).
    method: "POST",
    pattern: /^\/calls\/([^/]+)\/cancel$/,
    handle: ({ params, services }) => {
      const id = callIdSchema.safeParse(params[0]);
      if (!id.success) throw new RuntimeError("bad_request", "Not a call id.");
      return { cancelled: services.calls.cancel(id.data) };
    },
  },
  {
    method: "POST",
    pattern: /^\/exec$/,
    handle: async ({ raw, signal, services }) => {
      const request = parseWith(execRequestSchema, raw);
      const cwd = await services.root.resolve(request.cwd);
      const { root, runAs, confinement } = services;
      return execCommand(request, { cwd, workspaceDir: root.dir, runAs, confinement, signal });
    },
  },
  {
    method: "POST",
    pattern: /^\/files\/read$/,
    handle: ({ raw, services }) =>
      readTextFile(services.root, services.runAs, parseWith(readFileRequestSchema, raw)),
  },
  {
    method: "POST",
    pattern: /^\/files\/write$/,
    handle: ({ raw, services }) =>
      writeWorkspaceFile(services.root, services.runAs, parseWith(writeFileRequestSchema, raw)),
  },
  {
    method: "POST",
    pattern: /^\/files\/edit$/,
    handle: ({ raw, services }) =>
      editWorkspaceFile(services.root, services.runAs, parseWith(editFileRequestSchema, raw)),
  },
  {
    method: "POST",
    pattern: /^\/files\/list$/,
    handle: ({ raw, services }) =>
      listWorkspaceFiles(services.root, parseWith(listFilesRequestSchema, raw)),
  },
  {
    method: "POST",
    pattern: /^\/files\/search$/,
    handle: ({ raw, services }) =>
      searchWorkspaceFiles(
        services.root,
        parseWith(searchFilesRequestSchema, raw),
        services.ripgrep,
        { workspaceDir: services.root.dir, ...services },
      ),
  },
  {
    method: "POST",
    pattern: /^\/files\/export$/,
    handle: ({ raw, services }) =>
      exportFiles(services.root, services.runAs, parseWith(exportFilesRequestSchema, raw).paths),
  },
  {
    method: "POST",
    pattern: /^\/files\/import$/,
    handle: ({ body, services }) => importFiles(services.root, services.runAs, body),
  },
  {
    method: "POST",
    pattern: /^\/snapshots$/,
    handle: ({ services }) => services.changes.snapshot(),
  },
  {
    method: "GET",
    pattern: /^\/changes$/,
    handle: ({ url, services }) => {
      const since = url.searchParams.get("since");
      if (!since) throw new RuntimeError("bad_request", "Give ?since=<marker>.");
      return services.changes.changesSince(since);
    },
  },
  {
    method: "POST",
    pattern: /^\/processes$/,
    handle: async ({ raw, services }) => {
      const request = parseWith(startProcessRequestSchema, raw);
      const cwd = await services.root.resolve(request.cwd);
      return services.processes.start(request.command, cwd);
    },
  },
  {
    method: "GET",
    pattern: /^\/processes$/,
    handle: ({ services }) => ({ processes: services.processes.list() }),
  },
  {
    method: "GET",
    pattern: /^\/processes\/([\w-]{1,64})\/logs$/,
    handle: ({ url, params, services }) => {
      const tail = Number(url.searchParams.get("tailBytes") ?? "");
      return services.processes.logs(params[0] as string, tail > 0 ? tail : undefined);
    },
  },
  {
    method: "POST",
    pattern: /^\/processes\/([\w-]{1,64})\/stop$/,
    handle: ({ params, services }) => services.processes.stop(params[0] as string),
  },
];
