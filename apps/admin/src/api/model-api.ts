import { type PersonModel, type PersonModelBody, personModelSchema } from "@molt/contracts";
import { requestJson } from "./request-json";

function modelPath(userId: string): string {
  return `/api/users/${encodeURIComponent(userId)}/model`;
}

export function getPersonModel(userId: string): Promise<PersonModel> {
  return requestJson(modelPath(userId), personModelSchema);
}

/** One of the models on offer, or null for the default. */
export function setPersonModel(userId: string, model: string | null): Promise<PersonModel> {
  const body: PersonModelBody = { model };
  return requestJson(modelPath(userId), personModelSchema, { method: "PUT", body });
}
