// Round trips that share only part of the ack's path, to see what the local stack itself costs:
// `GET /health` crosses wrangler's proxy and the Worker but touches no binding; an ignored update
// also passes the secret check, JSON parsing, zod and normalization, but no Durable Object.
// Each series runs with 1 in flight (the floor under the paced phase) and with the saturation
// phase's concurrency.

import { summarize } from "./stats.mjs";
import { postUpdate, runPool } from "./telegram-load.mjs";
import { ignoredUpdate } from "./telegram-updates.mjs";

export async function referenceRoundTrips(stack, settings) {
  const { referenceRequests: count, concurrency, userIds } = settings;
  if (count === 0) return [];
  console.log(`reference round trips (${count} each, 1 and ${concurrency} in flight)...`);
  const series = [
    ["GET /health", () => stack.client.request("GET", "/health")],
    ["webhook, ignored update (no DO)", () => postUpdate(stack.client, ignoredUpdate(userIds[0]))],
  ];
  const rows = [];
  for (const inFlight of [...new Set([1, concurrency])]) {
    for (const [label, send] of series) {
      const indexes = Array.from({ length: count }, (_, index) => index);
      const results = await runPool(indexes, inFlight, send);
      const answered = results.filter((result) => !result.error);
      rows.push({
        label: `${label}, ${inFlight} in flight`,
        stats: summarize(answered.map((result) => result.ms)),
        failures: results.filter((result) => result.error || result.status !== 200).length,
      });
    }
  }
  return rows;
}
