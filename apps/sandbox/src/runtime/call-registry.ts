/** Cancel requests for ids not (yet) running are remembered, at most this many. */
const MAX_EARLY_CANCELS = 256;

/**
 * Requests in progress that carry a call id (`x-molt-call-id`), so that the Worker can cancel
 * one with `POST /calls/{id}/cancel`: a stopped turn's command is killed even when nothing can
 * hang up on it (Durable Object RPC carries no AbortSignal, and the container's HTTP proxy may
 * keep the connection). A cancel that arrives before its request is kept and applied on arrival.
 */
export class CallRegistry {
  private readonly running = new Map<string, AbortController>();
  private readonly cancelledEarly = new Set<string>();

  /** Tracks a request; returns the function that forgets it when it ends. */
  register(id: string, controller: AbortController): () => void {
    if (this.cancelledEarly.delete(id)) controller.abort(new Error("cancelled"));
    this.running.set(id, controller);
    return () => {
      if (this.running.get(id) === controller) this.running.delete(id);
    };
  }

  /** Aborts the request with this id; true when it was running. */
  cancel(id: string): boolean {
    const controller = this.running.get(id);
    if (controller) {
      controller.abort(new Error("cancelled"));
      return true;
    }
    this.cancelledEarly.add(id);
    if (this.cancelledEarly.size > MAX_EARLY_CANCELS) {
      const oldest = this.cancelledEarly.values().next().value;
      if (oldest !== undefined) this.cancelledEarly.delete(oldest);
    }
    return false;
  }
}
