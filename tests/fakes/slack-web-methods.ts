/** Who the fake Slack says the bot is (`auth.test`), and what it stamps on the bot's posts. */
export const FAKE_SLACK_TEAM_ID = "T0FAKETEAM";
export const FAKE_SLACK_BOT_USER_ID = "U0FAKEBOT";
export const FAKE_SLACK_BOT_ID = "B0FAKEBOT";
/** The scopes the fake's bot token has: those the app manifest asks for. */
export const FAKE_SLACK_BOT_SCOPES = [
  "app_mentions:read",
  "chat:write",
  "commands",
  "files:write",
  "im:history",
];

export interface SlackStoredMessage {
  channel: string;
  ts: string;
  threadTs: string | undefined;
  text: string;
  /** How often `chat.update` rewrote it. */
  edits: number;
  /** Block Kit blocks, as last posted or updated. */
  blocks?: unknown[];
}

export interface SlackEphemeral {
  channel: string;
  user: string;
  text: string;
}

export interface SlackStoredFile {
  id: string;
  filename: string;
  /** The length announced in `files.getUploadURLExternal`. */
  length: number;
  bytes: Uint8Array | undefined;
  contentType: string | undefined;
  title: string | undefined;
  /** Set by `files.completeUploadExternal`. */
  sharedIn: { channel: string; threadTs: string | undefined } | undefined;
}

export interface SlackWorkspaceState {
  messages: SlackStoredMessage[];
  ephemerals: SlackEphemeral[];
  files: Map<string, SlackStoredFile>;
  nextTs: number;
  nextFileId: number;
}

export function createSlackWorkspaceState(): SlackWorkspaceState {
  return {
    messages: [],
    ephemerals: [],
    files: new Map(),
    nextTs: 1_700_000_000_000_001,
    nextFileId: 1,
  };
}

export type SlackMethodResult =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; error: string };

type Params = Record<string, unknown>;
type SlackMethod = (
  state: SlackWorkspaceState,
  params: Params,
  uploadBase: string,
) => SlackMethodResult;

const fail = (error: string): SlackMethodResult => ({ ok: false, error });

function text(params: Params, key: string): string | undefined {
  const value = params[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function nextTs(state: SlackWorkspaceState): string {
  const value = String(state.nextTs++);
  return `${value.slice(0, 10)}.${value.slice(10)}`;
}

/** Slack's documented limit on `text` is 40,000 characters; above it, `msg_too_long`. */
const SLACK_TEXT_LIMIT = 40_000;

/**
 * Block Kit's documented limits for what the app posts: 50 blocks a message, section text up to
 * 3,000 characters, up to 25 elements in an actions block, a button's text up to 75 and its
 * value up to 2,000 characters, action ids up to 255 and unique within the message. Slack
 * answers `invalid_blocks` otherwise. Blocks may come as JSON or as a JSON string (form body).
 */
function checkBlocks(raw: unknown): unknown[] | undefined | "invalid" {
  if (raw === undefined) return undefined;
  let blocks = raw;
  if (typeof raw === "string") {
    try {
      blocks = JSON.parse(raw);
    } catch {
      return "invalid";
    }
  }
  if (!Array.isArray(blocks) || blocks.length > 50) return "invalid";
  const actionIds = new Set<string>();
  for (const block of blocks as Array<Record<string, unknown>>) {
    if (block?.type === "section") {
      const sectionText = (block.text as { text?: unknown } | undefined)?.text;
      if (typeof sectionText !== "string" || sectionText.length < 1 || sectionText.length > 3000) {
        return "invalid";
      }
    } else if (block?.type === "actions") {
      const elements = block.elements;
      if (!Array.isArray(elements) || elements.length < 1 || elements.length > 25) return "invalid";
      for (const element of elements as Array<Record<string, unknown>>) {
        const label = (element.text as { text?: unknown } | undefined)?.text;
        const actionId = element.action_id;
        if (element.type !== "button" || typeof label !== "string" || label.length > 75) {
          return "invalid";
        }
        if (typeof element.value === "string" && element.value.length > 2000) return "invalid";
        if (typeof actionId !== "string" || actionId.length > 255 || actionIds.has(actionId)) {
          return "invalid";
        }
        actionIds.add(actionId);
      }
    } else {
      return "invalid";
    }
  }
  return blocks;
}

const METHODS: Record<string, SlackMethod> = {
  "auth.test": () => ({
    ok: true,
    body: {
      url: "https://fake-team.slack.com/",
      team: "Fake Team",
      user: "molt",
      team_id: FAKE_SLACK_TEAM_ID,
      user_id: FAKE_SLACK_BOT_USER_ID,
      bot_id: FAKE_SLACK_BOT_ID,
    },
  }),
  "chat.postMessage": (state, params) => {
    const channel = text(params, "channel");
    const body = text(params, "text");
    if (!channel) return fail("channel_not_found");
    if (!body) return fail("no_text");
    if (body.length > SLACK_TEXT_LIMIT) return fail("msg_too_long");
    const blocks = checkBlocks(params.blocks);
    if (blocks === "invalid") return fail("invalid_blocks");
    const message: SlackStoredMessage = {
      channel,
      ts: nextTs(state),
      threadTs: text(params, "thread_ts"),
      text: body,
      edits: 0,
      ...(blocks ? { blocks } : {}),
    };
    state.messages.push(message);
    return { ok: true, body: { channel, ts: message.ts, message: botMessage(message) } };
  },
  "chat.update": (state, params) => {
    const channel = text(params, "channel");
    const ts = text(params, "ts");
    const body = text(params, "text");
    if (!channel) return fail("channel_not_found");
    if (!body) return fail("no_text");
    const blocks = checkBlocks(params.blocks);
    if (blocks === "invalid") return fail("invalid_blocks");
    const message = state.messages.find((m) => m.channel === channel && m.ts === ts);
    if (!message) return fail("message_not_found");
    message.text = body;
    message.edits += 1;
    if (blocks) message.blocks = blocks;
    else delete message.blocks;
    return {
      ok: true,
      body: { channel, ts: message.ts, text: body, message: botMessage(message) },
    };
  },
  "chat.postEphemeral": (state, params) => {
    const channel = text(params, "channel");
    const user = text(params, "user");
    const body = text(params, "text");
    if (!channel) return fail("channel_not_found");
    if (!user) return fail("user_not_in_channel");
    if (!body) return fail("no_text");
    state.ephemerals.push({ channel, user, text: body });
    return { ok: true, body: { message_ts: nextTs(state) } };
  },
  "files.getUploadURLExternal": (state, params, uploadBase) => {
    const filename = text(params, "filename");
    const length = Number(text(params, "length"));
    if (!filename || !Number.isInteger(length) || length <= 0) return fail("invalid_arguments");
    const id = `F0FAKE${String(state.nextFileId++).padStart(4, "0")}`;
    state.files.set(id, {
      id,
      filename,
      length,
      bytes: undefined,
      contentType: undefined,
      title: undefined,
      sharedIn: undefined,
    });
    return { ok: true, body: { upload_url: `${uploadBase}/upload/${id}`, file_id: id } };
  },
  "files.completeUploadExternal": (state, params) => {
    let files: unknown;
    try {
      files = JSON.parse(text(params, "files") ?? "");
    } catch {
      return fail("invalid_arguments");
    }
    if (!Array.isArray(files) || files.length === 0) return fail("invalid_arguments");
    const channel = text(params, "channel_id");
    const done: Array<{ id: string; title: string }> = [];
    for (const entry of files as Array<{ id?: unknown; title?: unknown }>) {
      const file = typeof entry.id === "string" ? state.files.get(entry.id) : undefined;
      if (!file) return fail("file_not_found");
      // Slack refuses to complete a file whose bytes never arrived in full.
      if (file.bytes?.byteLength !== file.length) return fail("file_upload_size_mismatch");
      file.title = typeof entry.title === "string" ? entry.title : file.filename;
      if (channel) file.sharedIn = { channel, threadTs: text(params, "thread_ts") };
      done.push({ id: file.id, title: file.title });
    }
    return { ok: true, body: { files: done } };
  },
};

export function findSlackMethod(name: string): SlackMethod | undefined {
  return METHODS[name];
}

function botMessage(message: SlackStoredMessage) {
  return {
    type: "message",
    user: FAKE_SLACK_BOT_USER_ID,
    bot_id: FAKE_SLACK_BOT_ID,
    text: message.text,
    ts: message.ts,
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
  };
}
