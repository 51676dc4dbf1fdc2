import type { ComputerClient } from "./computer-client";
import { createFileTools } from "./file-tools";
import { withoutPrivateFiles } from "./private-files-guard";
import { createProcessTools } from "./process-tools";
import { createShellTool } from "./shell-tool";

/** Every tool that works on the agent's computer, all through one injected client. */
export function createComputerTools(client: ComputerClient) {
  return {
    shell: createShellTool(client),
    ...createFileTools(client),
    ...createProcessTools(client),
  };
}

/** The file tools alone: a group turn gets these, without the person's memory files. */
export function createGroupFileTools(client: ComputerClient) {
  return createFileTools(withoutPrivateFiles(client));
}
