import { z } from "zod";
import { parseAudiences } from "../middleware/access-auth";
import { type DoctorCheckDefinition, describeError, failed, ok, skipped } from "./doctor-check";
import { describeSettingFix } from "./fix-setting";

const certsSchema = z.object({ keys: z.array(z.object({ kid: z.string() })).min(1) });

/** The team's signing keys can be fetched, and which application audiences are accepted. */
export const accessCheck: DoctorCheckDefinition = {
  name: "access",
  timeoutMs: 15_000,
  async run({ values, where }) {
    const team = values.ACCESS_TEAM_DOMAIN;
    const aud = values.ACCESS_AUD;
    if (!team || !aud) {
      const missing = [!team && "ACCESS_TEAM_DOMAIN", !aud && "ACCESS_AUD"].filter(
        (name): name is string => Boolean(name),
      );
      if (where === "local" && values.DEV_MODE) {
        return skipped(
          `Access is bypassed for localhost (DEV_MODE=true); ${missing.join(", ")} unset.`,
        );
      }
      return failed(
        `Access is not configured (missing ${missing.join(", ")}): the admin API is closed.`,
        `Create the Access application (README, "Deploy"), then ${describeSettingFix(where, missing)}`,
      );
    }
    const issuer = /^https?:\/\//.test(team) ? team.replace(/\/+$/, "") : `https://${team}`;
    const fix = `ACCESS_TEAM_DOMAIN must be your Zero Trust team domain, e.g. myteam.cloudflareaccess.com. ${describeSettingFix(where, ["ACCESS_TEAM_DOMAIN"])}`;
    let keys: number;
    try {
      const response = await fetch(`${issuer}/cdn-cgi/access/certs`);
      if (!response.ok)
        return failed(`${issuer}/cdn-cgi/access/certs answered HTTP ${response.status}.`, fix);
      const certs = certsSchema.safeParse(await response.json().catch(() => undefined));
      if (!certs.success)
        return failed(`${issuer}/cdn-cgi/access/certs holds no signing keys.`, fix);
      keys = certs.data.keys.length;
    } catch (error) {
      return failed(`Could not fetch ${issuer}/cdn-cgi/access/certs: ${describeError(error)}`, fix);
    }
    const audiences = parseAudiences(aud);
    return ok(
      `Fetched ${keys} signing key(s) from ${new URL(issuer).host}; ${audiences.length} application audience(s) accepted.`,
    );
  },
};
