import { useState } from "react";
import { listUserOverview } from "../api/user-api";
import { ApprovalsSection } from "../components/approvals-section";
import { ConversationsSection } from "../components/conversations-section";
import { CostEstimateCard } from "../components/cost-estimate-card";
import { ErrorMessage } from "../components/error-message";
import { FilesSection } from "../components/files-section";
import { McpSection } from "../components/mcp-section";
import { ModelSection } from "../components/model-section";
import { SandboxSection } from "../components/sandbox-section";
import { SchedulesSection } from "../components/schedules-section";
import { TransferSection } from "../components/transfer-section";
import { UsageSection } from "../components/usage-section";
import { useAsyncData } from "../hooks/use-async-data";
import { routeHref } from "../hooks/use-hash-route";

/** Everything about one user's agent. */
export function UserPage({ userId }: { userId: string }) {
  const users = useAsyncData(listUserOverview);
  // Bumped after an import so the file browser shows the restored files.
  const [generation, setGeneration] = useState(0);
  const user = users.data?.find((candidate) => candidate.userId === userId);

  return (
    <>
      <p>
        <a href={routeHref("users")}>← Users</a>
      </p>
      <section>
        <h2 data-testid="user-title">{user?.displayName ?? userId}</h2>
        <ErrorMessage message={users.error} />
        {users.data && !user && <ErrorMessage message={`No user ${userId}.`} />}
        {user && (
          <p className="muted">
            {userId} · {user.identities.join(", ") || "no identities"}
          </p>
        )}
      </section>
      {user && (
        <>
          <FilesSection key={generation} userId={userId} />
          <ConversationsSection userId={userId} />
          <ModelSection userId={userId} />
          <ApprovalsSection userId={userId} />
          <McpSection userId={userId} />
          <UsageSection userId={userId} />
          <CostEstimateCard userId={userId} />
          <SchedulesSection userId={userId} />
          <SandboxSection userId={userId} />
          <TransferSection userId={userId} onImported={() => setGeneration((n) => n + 1)} />
        </>
      )}
    </>
  );
}
