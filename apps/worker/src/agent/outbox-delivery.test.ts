import type { ReplyAddress } from "@molt/contracts";
import { afterEach, describe, expect, it } from "vitest";
import type { ReplyChannel } from "../channels/reply-channel";
import { createMigratedAgentStorage } from "../testing/migrated-agent-storage";
import type { NodeDurableStorage } from "../testing/node-sql-storage";
import { AgentStore } from "./agent-store";
import { AttachmentGoneError, MAX_DELIVERY_ATTEMPTS, OutboxDelivery } from "./outbox-delivery";

const address: ReplyAddress = { channel: "telegram", chatId: "42" };
const image = { key: "users/u/attachments/a.png", fileName: "a.png", contentType: "image/png" };

/** A channel that records what arrived and fails while `failures` says so. */
function recordingChannel() {
  const sent: string[] = [];
  const failures: Error[] = [];
  const channel: Pick<ReplyChannel, "deliver" | "deliverImage" | "deliverApprovalQuestion"> = {
    async deliver(_address, text, progress) {
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push(text);
      progress?.onPartSent?.(1);
    },
    async deliverImage(_address, picture) {
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push(`[${picture.fileName}] ${picture.caption ?? ""}`);
    },
    async deliverApprovalQuestion(_address, text, approvalId) {
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push(`[approval ${approvalId}] ${text}`);
    },
  };
  return { channel, sent, failures };
}

describe("OutboxDelivery", () => {
  let storage: NodeDurableStorage;
  afterEach(() => storage.close());

  function setup(overrides: { readAttachment?: (key: string) => Promise<Uint8Array> } = {}) {
    storage = createMigratedAgentStorage();
    const store = new AgentStore(storage.sql);
    const { channel, sent, failures } = recordingChannel();
    const retries: number[] = [];
    let failRetryScheduling = false;
    const delivery = new OutboxDelivery({
      userId: "u1",
      store,
      channel: () => channel,
      readAttachment: overrides.readAttachment ?? (async () => new Uint8Array([1])),
      scheduleRetry: async (delaySeconds) => {
        if (failRetryScheduling) throw new Error("storage unavailable");
        retries.push(delaySeconds);
      },
    });
    const enqueue = (text: string, attachment?: typeof image) =>
      store.enqueueReply("m1", "telegram:42", address, text, 1, attachment);
    const statuses = () => store.repliesAfter("telegram:42", 0).map((row) => row.status);
    return {
      store,
      delivery,
      sent,
      failures,
      retries,
      enqueue,
      statuses,
      failRetries: (on: boolean) => {
        failRetryScheduling = on;
      },
    };
  }

  it("sends every pending reply in order and marks it sent", async () => {
    const { delivery, sent, enqueue, statuses } = setup();
    enqueue("one");
    enqueue("caption", image);
    enqueue("three");
    await delivery.deliverPending();
    expect(sent).toEqual(["one", "[a.png] caption", "three"]);
    expect(statuses()).toEqual(["sent", "sent", "sent"]);
  });

  it("holds later replies back behind a failed one and retries with growing delays", async () => {
    const { delivery, sent, failures, retries, enqueue, statuses } = setup();
    enqueue("first");
    enqueue("second");
    failures.push(new Error("network down"), new Error("network down"));
    await delivery.deliverPending();
    await delivery.deliverPending();
    expect(sent).toEqual([]);
    expect(statuses()).toEqual(["pending", "pending"]);
    expect(retries[1]).toBeGreaterThan(retries[0] ?? Number.POSITIVE_INFINITY);
    await delivery.deliverPending();
    expect(sent).toEqual(["first", "second"]);
  });

  it("gives up at once on a permanent failure and goes on with the next reply", async () => {
    const { delivery, sent, enqueue, statuses, retries } = setup({
      readAttachment: async (key) => {
        throw new AttachmentGoneError(key);
      },
    });
    enqueue("caption", image);
    enqueue("words");
    await delivery.deliverPending();
    expect(statuses()).toEqual(["failed", "sent"]);
    expect(sent).toEqual(["words"]);
    expect(retries).toEqual([]);
  });

  it("gives up after the last attempt", async () => {
    const { delivery, failures, enqueue, statuses } = setup();
    enqueue("doomed");
    for (let attempt = 0; attempt < MAX_DELIVERY_ATTEMPTS; attempt++) {
      failures.push(new Error("still down"));
      await delivery.deliverPending();
    }
    expect(statuses()).toEqual(["failed"]);
  });

  it("keeps delivering after a pass that failed outright", async () => {
    const { delivery, sent, failures, enqueue, failRetries } = setup();
    enqueue("first");
    failures.push(new Error("network down"));
    failRetries(true);
    await expect(delivery.deliverPending()).rejects.toThrow("storage unavailable");
    failRetries(false);
    await delivery.deliverPending();
    expect(sent).toEqual(["first"]);
  });

  it("records the parts already sent so a retry sends only the rest", async () => {
    const { store, delivery, enqueue } = setup();
    const seq = enqueue("long");
    await delivery.deliverPending();
    expect(store.repliesAfter("telegram:42", 0).find((row) => row.seq === seq)?.partsSent).toBe(1);
  });
});
