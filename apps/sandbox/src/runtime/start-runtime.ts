import { chown, mkdir } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CallRegistry } from "./call-registry";
import { ChangeTracker } from "./change-tracker";
import type { Confinement } from "./confinement";
import { shouldChown } from "./file-owner";
import { ProcessRegistry } from "./process-registry";
import { resolveRunAs } from "./run-as";
import { createRuntimeServer } from "./runtime-server";
import { hasRipgrep } from "./search-files";
import { WorkspaceRoot } from "./workspace-paths";

export interface StartRuntimeOptions {
  workspaceDir: string;
  token: string;
  port: number;
  host?: string;
  /** "uid:gid", or "self" to keep root; ignored unless the runtime runs as root. */
  runAs?: string;
  confinement: Confinement;
}

export interface StartedRuntime {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startRuntime(options: StartRuntimeOptions): Promise<StartedRuntime> {
  if (options.token.length < 16)
    throw new Error("The runtime token must be at least 16 characters.");
  await mkdir(options.workspaceDir, { recursive: true });
  const runAs = resolveRunAs(options.runAs);
  // The command user must own its workspace, or every write it attempts fails.
  if (shouldChown(runAs)) await chown(options.workspaceDir, runAs.uid, runAs.gid);
  const root = await WorkspaceRoot.open(options.workspaceDir);
  const processes = new ProcessRegistry(root.dir, runAs, options.confinement);
  const services = {
    root,
    runAs,
    confinement: options.confinement,
    processes,
    changes: new ChangeTracker(root),
    calls: new CallRegistry(),
    ripgrep: hasRipgrep(),
    startedAt: Date.now(),
  };
  const server = createRuntimeServer({ token: options.token, services });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        processes.stopAll();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
