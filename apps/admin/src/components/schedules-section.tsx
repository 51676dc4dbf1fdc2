import { useCallback } from "react";
import { cancelSchedule, listSchedules } from "../api/user-api";
import { useAction } from "../hooks/use-action";
import { useOptionalData } from "../hooks/use-optional-data";
import { ErrorMessage } from "./error-message";
import { formatTime, SectionState } from "./section-state";

export function SchedulesSection({ userId }: { userId: string }) {
  const load = useCallback(() => listSchedules(userId), [userId]);
  const { result, reload } = useOptionalData(load);
  const cancel = useAction();
  const schedules = "data" in result ? (result.data ?? []) : [];

  return (
    <section data-testid="schedules-section">
      <h2>Schedules</h2>
      <SectionState result={result} what="schedules" />
      {result.state === "ready" && schedules.length === 0 && (
        <p className="muted">No reminders or recurring tasks.</p>
      )}
      {schedules.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">When</th>
              <th scope="col">Next run</th>
              <th scope="col">Channel</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {schedules.map((schedule) => (
              <tr key={schedule.id} data-testid="schedule-row">
                <td>{schedule.description}</td>
                <td>
                  {schedule.kind === "cron" ? <code>{schedule.cron}</code> : "once"}{" "}
                  <span className="muted">{schedule.timeZone}</span>
                </td>
                <td>{formatTime(schedule.nextRunAt)}</td>
                <td>{schedule.channel}</td>
                <td>
                  <button
                    type="button"
                    className="danger"
                    disabled={cancel.busy}
                    onClick={() =>
                      cancel.run(async () => {
                        await cancelSchedule(userId, schedule.id);
                        await reload();
                      })
                    }
                    data-testid="schedule-cancel"
                  >
                    Cancel
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorMessage message={cancel.error} />
    </section>
  );
}
