/**
 * Collects a stream's bytes up to a cap, keeping the head and the tail (errors are usually at
 * the end), and says plainly how much was left out.
 */
export class CappedOutput {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer = Buffer.alloc(0);
  private total = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.byteLength;
    const headCap = Math.ceil(this.maxBytes / 2);
    if (this.headBytes < headCap) {
      const take = chunk.subarray(0, headCap - this.headBytes);
      this.head.push(take);
      this.headBytes += take.byteLength;
      chunk = chunk.subarray(take.byteLength);
    }
    if (chunk.byteLength === 0) return;
    const tailCap = this.maxBytes - headCap;
    const joined = Buffer.concat([this.tail, chunk]);
    this.tail = joined.subarray(Math.max(0, joined.byteLength - tailCap));
  }

  get truncated(): boolean {
    return this.total > this.headBytes + this.tail.byteLength;
  }

  get totalBytes(): number {
    return this.total;
  }

  /** Text of what was kept; binary bytes become U+FFFD rather than breaking the JSON answer. */
  text(): string {
    const head = Buffer.concat(this.head).toString("utf8");
    if (!this.truncated) return head + this.tail.toString("utf8");
    const omitted = this.total - this.headBytes - this.tail.byteLength;
    return `${head}\n\n[... output truncated: ${omitted} bytes omitted of ${this.total} ...]\n\n${this.tail.toString("utf8")}`;
  }
}
