// HTTP to the Worker over keep-alive sockets, one per request in flight, as a proxy would hold.

import http from "node:http";

const REQUEST_TIMEOUT_MS = 30_000;

export function createClient(port) {
  // No socket cap: each load bounds its own requests in flight, and a cap would add client-side
  // queueing to the measured latency.
  const agent = new http.Agent({ keepAlive: true });

  /** Resolves when the response has been read to its end; `ms` is the whole round trip. */
  function request(method, pathname, body, headers = {}) {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(body);
      const started = performance.now();
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          method,
          path: pathname,
          agent,
          timeout: REQUEST_TIMEOUT_MS,
          headers: {
            ...(payload ? { "content-type": "application/json" } : {}),
            ...(payload ? { "content-length": payload.length } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks = [];
          res.on("data", (chunk) => chunks.push(chunk));
          res.on("error", reject);
          res.on("end", () => {
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString("utf8"),
              ms: performance.now() - started,
              endedAt: Date.now(),
            });
          });
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      req.on("error", reject);
      req.end(payload);
    });
  }

  return { request, destroy: () => agent.destroy() };
}
