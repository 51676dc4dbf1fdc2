/**
 * One request to the runtime. Deliberately no `signal`: for the Cloudflare adapter the request
 * crosses Durable Object RPC, which cannot carry an AbortSignal ("AbortSignal serialization is
 * not enabled"). A call is cancelled with a request of its own (`POST /calls/{id}/cancel`).
 */
export interface RuntimeRequest {
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

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
  /**
   * Whether the container (locally: the runtime process) is still up, cheaply and without waking
   * it. False after it went to sleep: a request sent then would wait for a port nobody opens.
   */
  isAwake(): Promise<boolean>;
  /** One HTTP request to the runtime; `path` is a runtime route such as `/exec`. */
  fetch(path: string, request: RuntimeRequest): Promise<Response>;
  /** Ends the runtime process (the container may stay). */
  stop(): Promise<void>;
  /**
   * Ends the container itself; its files are gone, R2 keeps the workspace. The next start gets a
   * new container, from the current image.
   */
  destroy(): Promise<void>;
}
