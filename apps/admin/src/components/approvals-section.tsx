import type { ApprovalPolicyName } from "@molt/contracts";
import { type ChangeEvent, useCallback } from "react";
import { getPersonApprovals, setPersonApprovals } from "../api/approvals-api";
import { useAction } from "../hooks/use-action";
import { useOptionalData } from "../hooks/use-optional-data";
import { ErrorMessage } from "./error-message";
import { SectionState } from "./section-state";

const POLICY_WORDS: Record<ApprovalPolicyName, string> = {
  untrusted: "ask after outside content (web pages, files) entered the conversation",
  always: "ask before every command, process, network call and file write",
  off: "never ask",
};

/** Which tool calls wait for this person's yes: the Worker's APPROVAL_POLICY, or an override. */
export function ApprovalsSection({ userId }: { userId: string }) {
  const load = useCallback(() => getPersonApprovals(userId), [userId]);
  const { result, reload } = useOptionalData(load);
  const save = useAction();
  const approvals = result.state === "ready" ? result.data : undefined;

  const choose = (event: ChangeEvent<HTMLSelectElement>) => {
    const picked = event.target.value;
    void save.run(async () => {
      await setPersonApprovals(userId, picked === "" ? null : (picked as ApprovalPolicyName));
      await reload();
    });
  };

  return (
    <section data-testid="approvals-section">
      <h2>Approvals</h2>
      <SectionState result={result} what="the approval policy" />
      {approvals && (
        <>
          <form className="inline-form" onSubmit={(event) => event.preventDefault()}>
            <select
              value={approvals.override ?? ""}
              onChange={choose}
              disabled={save.busy}
              aria-label="Approval policy"
            >
              <option value="">Worker setting (APPROVAL_POLICY)</option>
              {(Object.keys(POLICY_WORDS) as ApprovalPolicyName[]).map((policy) => (
                <option key={policy} value={policy}>
                  {policy}
                </option>
              ))}
            </select>
          </form>
          <p className="muted">
            Now: {approvals.policy}, {POLICY_WORDS[approvals.policy]}. Instruction files (AGENTS.md,
            SOUL.md, HEARTBEAT.md, skills/) and recurring tasks always ask unless off. A question
            unanswered for {approvals.timeoutMinutes} minutes counts as denied.
          </p>
          <ErrorMessage message={save.error} />
        </>
      )}
    </section>
  );
}
