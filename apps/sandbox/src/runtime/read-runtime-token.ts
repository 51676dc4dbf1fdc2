import { RUNTIME_TOKEN_ENV } from "@molt/contracts";

/** A token never needs more; a longer first line is not a token. */
const MAX_TOKEN_CHARS = 1024;

/**
 * The runtime's token. The local host writes it on stdin and closes it, so it is in no
 * environment block at all (deleting from `process.env` does not clear `/proc/<pid>/environ`).
 * In the container the SDK can only pass an environment; there the runtime runs as root and the
 * unprivileged command user cannot read root's environ. The variable is deleted either way so
 * nothing the runtime starts inherits it.
 */
export async function readRuntimeToken(
  env: NodeJS.ProcessEnv,
  stdin: NodeJS.ReadableStream,
): Promise<string> {
  const fromEnv = env[RUNTIME_TOKEN_ENV];
  delete env[RUNTIME_TOKEN_ENV];
  if (fromEnv) return fromEnv;
  let text = "";
  for await (const chunk of stdin as AsyncIterable<Buffer | string>) {
    text += chunk.toString();
    if (text.includes("\n") || text.length > MAX_TOKEN_CHARS) break;
  }
  return text.split("\n")[0]?.trim() ?? "";
}
