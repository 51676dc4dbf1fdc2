import type { Confinement } from "../runtime/confinement";
import { refusalMessage } from "../runtime/spawn-command";

/** One line for the dev command's output: how commands will run, or what is missing. */
export function describeLocalConfinement(confinement: Confinement): string {
  switch (confinement.kind) {
    case "bubblewrap":
      return `commands confined by bubblewrap (${confinement.bwrapPath})`;
    case "unconfined-unsafe":
      return "WARNING: commands run UNCONFINED as your own account (SANDBOX_LOCAL_UNCONFINED_UNSAFE=true)";
    case "refused":
      return `WARNING: ${refusalMessage(confinement.reason)}`;
    default:
      return "commands confined by the container";
  }
}
