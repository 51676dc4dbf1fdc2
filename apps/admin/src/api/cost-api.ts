import { type DayCostEstimate, dayCostEstimateSchema } from "@molt/contracts";
import { requestJson } from "./request-json";

export function getDayCostEstimate(userId: string): Promise<DayCostEstimate> {
  return requestJson(`/api/users/${encodeURIComponent(userId)}/cost`, dayCostEstimateSchema);
}
