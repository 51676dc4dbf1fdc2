import { ChannelFileError, downloadSlackFile, downloadTelegramFile } from "@molt/channels";
import type { InboundAttachment } from "@molt/contracts";
import type { WorkerEnvValues } from "../config/worker-config";

/** Fetches a received file's bytes from where its channel keeps it, at most `maxBytes`. */
export type FetchAttachment = (
  attachment: InboundAttachment,
  maxBytes: number,
  signal?: AbortSignal,
) => Promise<Uint8Array>;

/** Telegram through `getFile`, Slack through `url_private` with the bot token, the web chat from R2. */
export function createAttachmentFetcher(
  values: WorkerEnvValues,
  bucket: R2Bucket,
  // Called bare: workerd refuses a `fetch` called as a method of another object.
  send: typeof fetch = (input, init) => fetch(input, init),
): FetchAttachment {
  return async (attachment, maxBytes, signal) => {
    const source = attachment.source;
    switch (source.channel) {
      case "telegram": {
        if (!values.TELEGRAM_BOT_TOKEN) {
          throw new ChannelFileError("unavailable", "Telegram is not configured");
        }
        const { bytes } = await downloadTelegramFile({
          token: values.TELEGRAM_BOT_TOKEN,
          apiBaseUrl: values.TELEGRAM_API_BASE_URL,
          fileId: source.fileId,
          maxBytes,
          fetch: send,
          signal,
        });
        return bytes;
      }
      case "slack": {
        if (!values.SLACK_BOT_TOKEN)
          throw new ChannelFileError("unavailable", "Slack is not configured");
        const apiOrigin = values.SLACK_API_BASE_URL
          ? new URL(values.SLACK_API_BASE_URL).origin
          : undefined;
        return downloadSlackFile({
          botToken: values.SLACK_BOT_TOKEN,
          url: source.urlPrivate,
          // A stand-in Slack (tests, local development) serves files from its own origin.
          trustedOrigins: apiOrigin && apiOrigin !== "https://slack.com" ? [apiOrigin] : [],
          maxBytes,
          fetch: send,
          signal,
        });
      }
      case "console": {
        const object = await bucket.get(source.uploadKey);
        if (!object) throw new ChannelFileError("gone", "the upload is no longer stored");
        if (object.size > maxBytes) {
          throw new ChannelFileError(
            "too_big",
            "the file is over the size limit",
            object.size,
            maxBytes,
          );
        }
        return new Uint8Array(await object.arrayBuffer());
      }
    }
  };
}
