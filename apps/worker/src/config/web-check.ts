import { checkFix, type StackPlace } from "./setting-fix";
import { describeProblems, type WorkerConfig } from "./worker-config";

const WEB_SETTINGS = [
  "BROWSER_CDP_URL",
  "BRAVE_SEARCH_API_BASE_URL",
  "WEB_TIMEOUT_SECONDS",
  "WEB_ALLOW_LOOPBACK",
] as const;

/** The dashboard row for the web tools: which browser they drive and whether search is on. */
export function webConfigCheck(config: WorkerConfig, place: StackPlace) {
  const problems = describeProblems(config, WEB_SETTINGS);
  const { values } = config;
  const browser = values.BROWSER_CDP_URL
    ? `browser: local Chromium at ${values.BROWSER_CDP_URL}`
    : "browser: Browser Rendering";
  const search = values.BRAVE_SEARCH_API_KEY
    ? "web_search: Brave Search"
    : "web_search off (set BRAVE_SEARCH_API_KEY)";
  const loopback = values.WEB_ALLOW_LOOPBACK ? "loopback addresses allowed (tests only)" : "";
  if (problems.length > 0) {
    return { name: "web", ok: false, detail: problems.join("; ") };
  }
  return {
    name: "web",
    ok: true,
    detail: ["web_fetch on", browser, search, loopback].filter(Boolean).join("; "),
    ...(values.BRAVE_SEARCH_API_KEY ? {} : checkFix(["BRAVE_SEARCH_API_KEY"], place)),
  };
}
