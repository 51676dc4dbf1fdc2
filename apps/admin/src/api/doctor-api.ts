import { type DoctorReport, doctorReportSchema } from "@molt/contracts";
import { requestJson } from "./request-json";

/** Runs every doctor check on the server: real R2, model, browser, sandbox and channel calls. */
export function runDoctor(): Promise<DoctorReport> {
  return requestJson("/api/doctor", doctorReportSchema, { method: "POST" });
}
