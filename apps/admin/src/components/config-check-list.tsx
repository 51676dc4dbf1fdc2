import type { ShownCheck } from "../format/model-health-check";
import { CopyableCode } from "./copyable-code";

export function ConfigCheckList({ checks }: { checks: ShownCheck[] }) {
  return (
    <ul className="rows">
      {checks.map((check) => (
        <li
          key={check.name}
          className={`row check ${check.ok ? "ok" : "failing"}`}
          data-testid="config-check"
          data-check={check.name}
          data-ok={check.ok}
        >
          <div className="row-head">
            <span className={`badge ${check.ok ? "ok" : "failing"}`}>
              {check.ok ? "OK" : check.failing ? "Failing" : "Needs setup"}
            </span>
            <strong>{check.name}</strong>
            <span className="muted">{check.detail}</span>
          </div>
          {check.fixHint && check.fix?.length ? (
            <p className="fix-hint" data-testid="fix-hint">
              {check.fixHint}
            </p>
          ) : null}
          {check.fix?.map((command) => (
            <CopyableCode key={command} code={command} />
          ))}
        </li>
      ))}
    </ul>
  );
}
