/**
 * JSON read back from a fake. Tests assert on its shape with `expect`, so a loose type is
 * what they need here.
 */
// biome-ignore lint/suspicious/noExplicitAny: assertions below check the actual shape
export type Json = any;

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const json: Json = await response.json();
  return { status: response.status, headers: response.headers, json };
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<Json> {
  const response = await fetch(url, { headers });
  return response.json();
}

export async function readJson(response: Response): Promise<Json> {
  return response.json();
}
