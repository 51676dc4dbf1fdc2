import type { ComputerClient } from "./computer-client";
import { createFileTools } from "./file-tools";
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
