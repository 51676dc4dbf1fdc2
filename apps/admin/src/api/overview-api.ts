import { type AdminOverview, adminOverviewSchema } from "@molt/contracts";
import { requestJson } from "./request-json";

/** `GET /api/overview`: the dashboard's numbers across all people. */
export function getOverview(): Promise<AdminOverview> {
  return requestJson("/api/overview", adminOverviewSchema);
}
