/**
 * Where a user's sandbox runtime lives: a container (Cloudflare) or a local process (development
 * and tests). Both adapters run the same runtime program and reach it over HTTP.
 */
export interface SandboxBackend {
  /** Which adapter this is, for status pages and logs. */
  readonly kind: "cloudflare" | "local";
  /** Starts the runtime with this token, replacing any runtime already running. */
  start(token: string): Promise<void>;
  /** Whether the runtime process is alive, without waking a sleeping container. */
  isRunning(): Promise<boolean>;
  /** One HTTP request to the runtime; `path` is a runtime route such as `/exec`. */
  fetch(path: string, init: RequestInit): Promise<Response>;
  /** Ends the runtime process (the container may stay). */
  stop(): Promise<void>;
  /** Ends the container itself; its files are gone, R2 keeps the workspace. */
  destroy(): Promise<void>;
}
