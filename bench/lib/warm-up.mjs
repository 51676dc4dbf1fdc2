// A few updates answered before anything is measured, so the first measured ones do not pay for
// compiling the Worker and creating its Durable Objects.

import { waitForReplies } from "./measure-replies.mjs";
import { postUpdate } from "./telegram-load.mjs";
import { markerFor, privateTextUpdate } from "./telegram-updates.mjs";

const WARMUP_TIMEOUT_MS = 60_000;

export async function warmUp(stack, settings) {
  const { userIds, warmupUpdates } = settings;
  if (warmupUpdates === 0) return;
  console.log(`warming up with ${warmupUpdates} updates...`);
  const warm = Array.from({ length: warmupUpdates }, (_, index) => {
    const userIndex = index % userIds.length;
    const marker = markerFor("w", userIndex, index);
    return { marker, update: privateTextUpdate(userIds[userIndex], `Warm-up ${marker}`) };
  });
  // One after another, and all answered before the measured phases, so none overlaps them.
  for (const { update } of warm) {
    const response = await postUpdate(stack.client, update);
    if (response.status !== 200) {
      throw new Error(`warm-up webhook answered ${response.status}: ${response.text}`);
    }
  }
  const markers = warm.map((item) => item.marker);
  const { missing } = await waitForReplies(stack.fakes, markers, WARMUP_TIMEOUT_MS);
  if (missing.length > 0) {
    throw new Error(`warm-up: ${missing.length} replies missing after ${WARMUP_TIMEOUT_MS} ms`);
  }
}
