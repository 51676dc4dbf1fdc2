import { settingFix } from "../config/setting-fix";
import type { DoctorWhere } from "./doctor-check";

/**
 * How to set a setting where the stack runs, in one line for a doctor check: the same advice as
 * the dashboard's configuration rows (`settingFix`), with an example value where one helps.
 */
export function describeSettingFix(where: DoctorWhere, names: string[], example?: string): string {
  const fix = settingFix(names, where);
  const lines = fix.lines.map((line) => {
    const shown = example && line.endsWith("=") ? `${line}${example}` : line;
    return `\`${shown}\``;
  });
  return `${fix.hint} ${lines.join(", ")}`;
}
