import { tool } from "ai";
import { z } from "zod";
import { toolError } from "./tool-error";

/** Models do not know the time; this lets them answer "what time is it in Tokyo" correctly. */
export function createCurrentTimeTool(now: () => Date = () => new Date()) {
  return tool({
    description:
      "Get the current date and time. Give an IANA time zone such as 'Europe/Paris' to get the local time there; without one the time is in UTC.",
    inputSchema: z.object({
      timeZone: z.string().optional().describe("IANA time zone, e.g. 'America/New_York'"),
    }),
    execute: async ({ timeZone }) => {
      const zone = timeZone ?? "UTC";
      try {
        const formatted = new Intl.DateTimeFormat("en-GB", {
          timeZone: zone,
          dateStyle: "full",
          timeStyle: "long",
        }).format(now());
        return { timeZone: zone, localTime: formatted, iso: now().toISOString() };
      } catch {
        return toolError(`Unknown time zone "${zone}". Use an IANA name such as "Europe/Paris".`);
      }
    },
  });
}
