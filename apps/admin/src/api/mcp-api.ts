import {
  type AddMcpServerBody,
  type McpServerSummary,
  mcpServerSummarySchema,
  type OperatorMcpServers,
  operatorMcpServersSchema,
  type PersonMcpServers,
  personMcpServersSchema,
} from "@molt/contracts";
import { z } from "zod";
import { requestJson } from "./request-json";

function personPath(userId: string): string {
  return `/api/users/${encodeURIComponent(userId)}/mcp`;
}

export function listOperatorMcpServers(): Promise<OperatorMcpServers> {
  return requestJson("/api/mcp", operatorMcpServersSchema);
}

export function addOperatorMcpServer(body: AddMcpServerBody): Promise<OperatorMcpServers> {
  return requestJson("/api/mcp", operatorMcpServersSchema, { method: "POST", body });
}

export async function removeOperatorMcpServer(name: string): Promise<void> {
  await requestJson(`/api/mcp/${encodeURIComponent(name)}`, z.unknown(), { method: "DELETE" });
}

export function listPersonMcpServers(userId: string): Promise<PersonMcpServers> {
  return requestJson(personPath(userId), personMcpServersSchema);
}

export function addPersonMcpServer(
  userId: string,
  body: AddMcpServerBody,
): Promise<McpServerSummary> {
  return requestJson(personPath(userId), mcpServerSummarySchema, { method: "POST", body });
}

export function testPersonMcpServer(userId: string, name: string): Promise<McpServerSummary> {
  return requestJson(
    `${personPath(userId)}/${encodeURIComponent(name)}/test`,
    mcpServerSummarySchema,
    { method: "POST" },
  );
}

export async function removePersonMcpServer(userId: string, name: string): Promise<void> {
  await requestJson(`${personPath(userId)}/${encodeURIComponent(name)}`, z.unknown(), {
    method: "DELETE",
  });
}
