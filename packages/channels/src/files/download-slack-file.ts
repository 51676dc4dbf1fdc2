import { ChannelFileError, readBodyWithLimit } from "./channel-file-error";

export interface DownloadSlackFileOptions {
  botToken: string;
  url: string;
  /**
   * Origins the bot token may be sent to besides Slack's own hosts (the API base of a local
   * stand-in); a file URL anywhere else is refused, so the token never leaves Slack.
   */
  trustedOrigins?: readonly string[];
  maxBytes: number;
  fetch: typeof fetch;
  signal?: AbortSignal;
}

/**
 * Downloads a file shared in Slack from its `url_private`, which needs the bot token as a
 * Bearer header. Without a valid token Slack does not answer 401 but redirects to its sign-in
 * page, so an HTML answer for a file that is not HTML means "refused".
 */
export async function downloadSlackFile(options: DownloadSlackFileOptions): Promise<Uint8Array> {
  const url = URL.canParse(options.url) ? new URL(options.url) : undefined;
  if (!url || !isSlackFileUrl(url, options.trustedOrigins ?? [])) {
    throw new ChannelFileError("gone", "the file's address is not a Slack file address");
  }
  const response = await options
    .fetch(url, {
      headers: { authorization: `Bearer ${options.botToken}` },
      // A redirect to another host would drop the header anyway; following it blindly could
      // land on the sign-in page, which is what we want to notice.
      redirect: "manual",
      signal: options.signal,
    })
    .catch(() => {
      throw new ChannelFileError("unavailable", "Slack could not be reached");
    });
  if (response.status === 401 || response.status === 403 || isRedirect(response.status)) {
    await response.body?.cancel();
    throw new ChannelFileError("refused", "Slack refused the bot's access to the file");
  }
  if (response.status === 404) throw new ChannelFileError("gone", "Slack no longer has the file");
  if (!response.ok) throw new ChannelFileError("unavailable", `Slack answered ${response.status}`);
  const type = response.headers.get("content-type") ?? "";
  const bytes = await readBodyWithLimit(response, options.maxBytes);
  if (type.startsWith("text/html") && looksLikeSignInPage(bytes)) {
    throw new ChannelFileError("refused", "Slack answered with its sign-in page");
  }
  return bytes;
}

function isSlackFileUrl(url: URL, trustedOrigins: readonly string[]): boolean {
  if (trustedOrigins.includes(url.origin)) return true;
  return (
    url.protocol === "https:" &&
    (url.hostname === "slack.com" || url.hostname.endsWith(".slack.com"))
  );
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

function looksLikeSignInPage(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 4096)).toLowerCase();
  return head.includes("<html") && (head.includes("sign in") || head.includes("signin"));
}
