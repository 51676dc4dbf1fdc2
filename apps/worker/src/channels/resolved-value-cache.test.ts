import { describe, expect, it } from "vitest";
import { createResolvedValueCache } from "./resolved-value-cache";

const never = () => new Promise<string>(() => {});

describe("createResolvedValueCache", () => {
  it("does not make a later caller wait on an earlier lookup that never settles", async () => {
    // In Workers, I/O begun by a request that was cancelled may never settle for another request.
    const cache = createResolvedValueCache<string>();
    void cache.get("token", never);
    const second = cache.get("token", async () => "bot-7");
    const outcome = await Promise.race([
      second,
      new Promise((resolve) => setTimeout(() => resolve("still waiting"), 50)),
    ]);
    expect(outcome).toBe("bot-7");
  });

  it("looks a key up once it has resolved, and again after a failure", async () => {
    const cache = createResolvedValueCache<string>();
    let lookups = 0;
    const lookup = async () => {
      lookups += 1;
      if (lookups === 1) throw new Error("upstream down");
      return `bot-${lookups}`;
    };
    await expect(cache.get("token", lookup)).rejects.toThrow("upstream down");
    expect(await cache.get("token", lookup)).toBe("bot-2");
    expect(await cache.get("token", lookup)).toBe("bot-2");
    expect(await cache.get("other", lookup)).toBe("bot-3");
    expect(lookups).toBe(3);
  });
});
