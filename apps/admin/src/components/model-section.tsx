import { type ChangeEvent, useCallback } from "react";
import { getPersonModel, setPersonModel } from "../api/model-api";
import { useAction } from "../hooks/use-action";
import { useOptionalData } from "../hooks/use-optional-data";
import { ErrorMessage } from "./error-message";
import { SectionState } from "./section-state";

/** Which model this person's turns use: the default, or one of the models on offer (MODELS). */
export function ModelSection({ userId }: { userId: string }) {
  const load = useCallback(() => getPersonModel(userId), [userId]);
  const { result, reload } = useOptionalData(load);
  const save = useAction();

  const model = result.state === "ready" ? result.data : undefined;
  const choose = (event: ChangeEvent<HTMLSelectElement>) => {
    const picked = event.target.value;
    void save.run(async () => {
      await setPersonModel(userId, picked === model?.default ? null : picked);
      await reload();
    });
  };

  return (
    <section data-testid="model-section">
      <h2>Model</h2>
      <SectionState result={result} what="the model" />
      {model && (
        <>
          <form className="inline-form" onSubmit={(event) => event.preventDefault()}>
            <select
              value={model.current}
              onChange={choose}
              disabled={save.busy || model.choices.length < 2}
              aria-label="Model"
            >
              {model.choices.map((name) => (
                <option key={name} value={name}>
                  {name === model.default ? `${name} (default)` : name}
                </option>
              ))}
            </select>
          </form>
          <p className="muted">
            {model.choices.length < 2
              ? "Only the default is on offer: list more in MODELS to let people pick."
              : "They can switch themselves with /model."}{" "}
            {model.fallbacks.length > 0
              ? `When it fails: ${model.fallbacks.join(", ")}.`
              : "No fallbacks (MODEL_FALLBACKS)."}
          </p>
          <ErrorMessage message={save.error} />
        </>
      )}
    </section>
  );
}
