import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { TEST_ACCESS_AUD, TEST_WEBHOOK_SECRET } from "../../../../tests/setup/test-settings";
import { createApp } from "../../src/app";
import { fakeAccess } from "./fakes";

export const BASE_URL = "https://agent.example.com";

export function postTelegramUpdate(
  update: unknown,
  options: { secret?: string | null; rawBody?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const secret = options.secret === undefined ? TEST_WEBHOOK_SECRET : options.secret;
  if (secret !== null) headers["X-Telegram-Bot-Api-Secret-Token"] = secret;
  return exports.default.fetch(`${BASE_URL}/webhooks/telegram`, {
    method: "POST",
    headers,
    body: options.rawBody ?? JSON.stringify(update),
  });
}

export async function adminToken(email = "ops@example.com"): Promise<string> {
  return fakeAccess.sign({ aud: TEST_ACCESS_AUD, email });
}

/** An admin API call with a valid Access token. */
export async function adminFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("Cf-Access-Jwt-Assertion", await adminToken());
  if (init.body) headers.set("content-type", "application/json");
  return exports.default.fetch(`${BASE_URL}${path}`, { ...init, headers });
}

/**
 * The operator's approval policy for one person. Tests of other boundaries (reminder limits,
 * scheduled tasks) turn questions off to show those hold on their own.
 */
export async function setApprovalPolicy(
  userId: string,
  policy: "untrusted" | "always" | "off" | null,
): Promise<void> {
  const response = await adminFetch(`/api/users/${userId}/approvals`, {
    method: "PUT",
    body: JSON.stringify({ policy }),
  });
  if (!response.ok) throw new Error(`approval policy not set: HTTP ${response.status}`);
}

const app = createApp();
const noopContext = {
  waitUntil() {},
  passThroughOnException() {},
  props: {},
} as unknown as ExecutionContext;

/**
 * Runs the app with settings the test Worker does not have, e.g. Access or Telegram unset. A
 * request for localhost comes from 127.0.0.1 unless `init` names another `CF-Connecting-IP`, as
 * `wrangler dev` reports a client on this machine.
 */
export function fetchWithSettings(
  url: string,
  settings: Partial<Record<keyof Env, string>>,
  init: RequestInit = {},
): Promise<Response> {
  const request = new Request(url, init);
  if (new URL(url).hostname === "localhost" && !request.headers.has("cf-connecting-ip")) {
    request.headers.set("cf-connecting-ip", "127.0.0.1");
  }
  return fetchAppDirectly(request, settings);
}

/** Runs the app on exactly this request, with settings the test Worker does not have. */
export function fetchAppDirectly(
  request: Request,
  settings: Partial<Record<keyof Env, string>>,
): Promise<Response> {
  return Promise.resolve(app.fetch(request, { ...env, ...settings }, noopContext));
}
