import { z } from "zod";
import { TELEGRAM_API_BASE_URL } from "../telegram/telegram-client";
import { ChannelFileError, readBodyWithLimit } from "./channel-file-error";

/** Bots may download files up to 20 MB through the Bot API (`getFile`). */
export const TELEGRAM_BOT_DOWNLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

const getFileAnswerSchema = z.union([
  z.object({
    ok: z.literal(true),
    result: z.looseObject({
      file_id: z.string(),
      file_size: z.number().int().optional(),
      file_path: z.string().optional(),
    }),
  }),
  z.object({
    ok: z.literal(false),
    error_code: z.number().int().optional(),
    description: z.string().optional(),
  }),
]);

export interface DownloadTelegramFileOptions {
  token: string;
  apiBaseUrl?: string;
  fileId: string;
  /** Our cap for this kind of file; the Bot API's own 20 MB limit applies on top. */
  maxBytes: number;
  fetch: typeof fetch;
  signal?: AbortSignal;
}

/**
 * Downloads a file a person sent: `getFile` gives a path valid for an hour, then
 * `/file/bot<token>/<path>` serves the bytes. Telegram refuses `getFile` for files over 20 MB
 * ("file is too big"); that and our own cap become a `ChannelFileError("too_big")`.
 */
export async function downloadTelegramFile(
  options: DownloadTelegramFileOptions,
): Promise<{ bytes: Uint8Array; filePath: string }> {
  const base = (options.apiBaseUrl ?? TELEGRAM_API_BASE_URL).replace(/\/+$/, "");
  const maxBytes = Math.min(options.maxBytes, TELEGRAM_BOT_DOWNLOAD_LIMIT_BYTES);
  const response = await options
    .fetch(`${base}/bot${options.token}/getFile`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ file_id: options.fileId }),
      signal: options.signal,
    })
    .catch(() => {
      throw new ChannelFileError("unavailable", "Telegram could not be reached");
    });
  const parsed = getFileAnswerSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    throw new ChannelFileError("unavailable", `Telegram getFile answered ${response.status}`);
  }
  const answer = parsed.data;
  if (!answer.ok) {
    const description = answer.description ?? "";
    if (/file is too big/i.test(description)) {
      throw new ChannelFileError(
        "too_big",
        "Telegram lets bots download files up to 20 MB",
        undefined,
        TELEGRAM_BOT_DOWNLOAD_LIMIT_BYTES,
      );
    }
    if (answer.error_code === 400) throw new ChannelFileError("gone", "Telegram has no such file");
    throw new ChannelFileError("unavailable", `Telegram getFile failed (${answer.error_code})`);
  }
  const { file_path: filePath, file_size: size } = answer.result;
  if (size !== undefined && size > maxBytes) {
    throw new ChannelFileError("too_big", "the file is over the size limit", size, maxBytes);
  }
  if (!filePath) throw new ChannelFileError("gone", "Telegram gave no path for the file");
  const file = await options
    .fetch(`${base}/file/bot${options.token}/${filePath}`, { signal: options.signal })
    .catch(() => {
      throw new ChannelFileError("unavailable", "Telegram could not be reached");
    });
  if (file.status === 404) throw new ChannelFileError("gone", "Telegram no longer has the file");
  if (!file.ok) throw new ChannelFileError("unavailable", `Telegram answered ${file.status}`);
  return { bytes: await readBodyWithLimit(file, maxBytes), filePath };
}
