import { lstat, realpath } from "node:fs/promises";
import path from "node:path";
import { RuntimeError } from "./runtime-error";

/** Where every path of every request must stay: the workspace root, resolved once at start. */
export class WorkspaceRoot {
  private constructor(readonly dir: string) {}

  static async open(dir: string): Promise<WorkspaceRoot> {
    return new WorkspaceRoot(await realpath(dir));
  }

  /**
   * Turns a request path into an absolute one inside the workspace, refusing absolute paths,
   * `..` and symlinks (anywhere along the path) that resolve outside it. `""`/`"."` is the root.
   * Only for a command's working directory (commands are confined on their own); the file
   * tools never open a checked path by name, they use `split` and open-beneath.
   */
  async resolve(input: string | undefined): Promise<string> {
    const absolute = path.join(this.dir, ...this.split(input));
    await this.assertRealPathInside(absolute, input ?? "");
    return absolute;
  }

  /**
   * The components of a request path, checked without touching the disk: no absolute paths,
   * no `..`, no NUL. The file tools open these one by one (`open-beneath.ts`).
   */
  split(input: string | undefined): string[] {
    const raw = (input ?? "").trim().replace(/^\/?workspace(\/|$)/, "");
    if (raw.includes("\0")) throw new RuntimeError("path_refused", "The path contains NUL.");
    if (path.isAbsolute(raw)) {
      throw new RuntimeError("path_refused", `"${input}" is absolute; give a workspace path.`);
    }
    const parts = raw.split("/").filter((part) => part !== "" && part !== ".");
    if (parts.includes("..")) {
      throw new RuntimeError("path_refused", `"${input}" leaves the workspace.`);
    }
    return parts;
  }

  /** The workspace-relative, `/`-separated form of an absolute path inside the root. */
  relative(absolute: string): string {
    return path.relative(this.dir, absolute).split(path.sep).join("/");
  }

  isInside(real: string): boolean {
    return real === this.dir || real.startsWith(this.dir + path.sep);
  }

  /** The deepest existing ancestor (or the path itself) must resolve inside the root. */
  private async assertRealPathInside(absolute: string, input: string): Promise<void> {
    let probe = absolute;
    for (;;) {
      const exists = await lstat(probe).then(
        () => true,
        () => false,
      );
      if (exists) break;
      const parent = path.dirname(probe);
      if (parent === probe) return;
      probe = parent;
    }
    const real = await realpath(probe).catch(() => null);
    if (real === null) {
      // A dangling symlink: refuse rather than let a write create its target somewhere else.
      throw new RuntimeError("path_refused", `"${input}" is a broken symbolic link.`);
    }
    if (!this.isInside(real)) {
      throw new RuntimeError("path_refused", `"${input}" resolves outside the workspace.`);
    }
  }
}
