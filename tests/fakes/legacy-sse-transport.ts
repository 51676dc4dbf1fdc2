import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { JSONRPCMessage, Transport } from "@modelcontextprotocol/server";

/**
 * The 2024-11-05 "HTTP with SSE" transport, server side, which some MCP servers still only
 * have: `GET` opens an event stream whose first event (`endpoint`) names where to POST messages;
 * answers come back on the stream. The MCP SDK 2.x no longer ships it, so the test server that
 * speaks only SSE uses this.
 */
export class LegacySseServerTransport implements Transport {
  readonly sessionId = randomUUID();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport["onmessage"];

  constructor(
    private readonly res: ServerResponse,
    private readonly messagesPath: string,
  ) {}

  async start(): Promise<void> {
    this.res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    this.res.write(`event: endpoint\ndata: ${this.messagesPath}?sessionId=${this.sessionId}\n\n`);
    this.res.on("close", () => this.onclose?.());
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }

  async close(): Promise<void> {
    this.res.end();
  }

  /** A message POSTed to the messages path for this session. */
  receive(message: JSONRPCMessage): void {
    this.onmessage?.(message);
  }
}
