import { inject } from "vitest";

/** Control of the fakes' file stores and the fake Workers AI, for the media tests. */
async function control<T>(baseUrl: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}/__control/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`fake control ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export interface WorkersAiCall {
  path: string;
  model?: string;
  input: Record<string, unknown>;
  status: number;
}

export const fakeFiles = {
  /** A file a Telegram user sent; `size` alone stands for one too big to hold. */
  putTelegramFile(fileId: string, file: { bytes?: Uint8Array; size?: number; fileName?: string }) {
    return control(inject("fakeUrls").TELEGRAM_API_BASE_URL, "file", {
      fileId,
      ...(file.bytes ? { base64: toBase64(file.bytes) } : {}),
      ...(file.size !== undefined ? { size: file.size } : {}),
      ...(file.fileName ? { fileName: file.fileName } : {}),
    });
  },
  telegramDownloads(): Promise<string[]> {
    return control(inject("fakeUrls").TELEGRAM_API_BASE_URL, "downloads");
  },
  /** A file shared in Slack; returns its `url_private_download` on the fake. */
  async shareSlackFile(fileId: string, name: string, mimeType: string, bytes: Uint8Array) {
    const base = inject("fakeUrls").SLACK_API_BASE_URL.replace(/\/api$/, "");
    const body = { fileId, name, mimeType, base64: toBase64(bytes) };
    return (await control<{ urlPrivate: string }>(base, "shared-file", body)).urlPrivate;
  },
  slackDownloads(): Promise<string[]> {
    const base = inject("fakeUrls").SLACK_API_BASE_URL.replace(/\/api$/, "");
    return control(base, "file-downloads");
  },
  workersAiCalls(): Promise<WorkersAiCall[]> {
    return control(inject("fakeUrls").WORKERS_AI_REST_URL, "calls");
  },
};
