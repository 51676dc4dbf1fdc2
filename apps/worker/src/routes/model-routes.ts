import { type PersonModel, personModelBodySchema } from "@molt/contracts";
import { Hono } from "hono";
import { readWorkerConfig } from "../config/worker-config";
import { AppError } from "../errors";
import { pickableModels } from "../model/model-catalog";
import { type AdminEnv, requireKnownUserAgent } from "./admin-env";
import { parseJsonBody } from "./json-body";

/** Which model a person's turns use: the default, or one of `MODELS` picked for them. */
export const modelRoutes = new Hono<AdminEnv>()
  .get("/users/:userId/model", async (c) => {
    const { agent } = await requireKnownUserAgent(c);
    const body: PersonModel = await agent.personModel();
    return c.json(body);
  })
  .put("/users/:userId/model", async (c) => {
    const { agent, userId } = await requireKnownUserAgent(c);
    const { model } = await parseJsonBody(c, personModelBodySchema);
    c.set("auditTarget", `user:${userId}`);
    const body: PersonModel | null = await agent.setPersonModel(model);
    if (!body) {
      const choices = pickableModels(readWorkerConfig(c.env).values);
      throw new AppError(
        "bad_request",
        `${model} is not one of the models on offer (MODEL and MODELS): ${choices.join(", ")}.`,
      );
    }
    return c.json(body);
  });
