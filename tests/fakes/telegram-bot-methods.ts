import { createRateWindow, type RateLimit, type RateWindow } from "./rate-window.ts";
import { parseTelegramHtml } from "./telegram-html.ts";

export const FAKE_BOT_ID = 7000000001;
export const FAKE_BOT_USERNAME = "molt_test_bot";
const FAKE_BOT_FIRST_NAME = "Molt Test Bot";

export const MESSAGE_TEXT_MAX_CHARS = 4096;
export const CAPTION_MAX_CHARS = 1024;

/** Form fields that Telegram expects as JSON-serialized strings in urlencoded/multipart bodies. */
export const TELEGRAM_JSON_FIELDS: ReadonlySet<string> = new Set([
  "reply_markup",
  "reply_parameters",
  "link_preview_options",
  "entities",
  "caption_entities",
  "commands",
  "scope",
  "allowed_updates",
]);

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

export interface TelegramWebhookState {
  url: string;
  secretToken?: string;
  allowedUpdates?: unknown;
  maxConnections?: number;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

export interface TelegramBotState {
  nextMessageId: number;
  webhook: TelegramWebhookState;
  /** Keyed by scope + language, as Telegram keeps one command list per pair. */
  commands: Map<string, unknown[]>;
  strictAmpersand: boolean;
  strictNesting: boolean;
  requireHttpsWebhook: boolean;
  /** Drafts per private chat: Telegram asks for about one message a second per chat. */
  drafts: RateWindow;
  /** Text of every message the bot sent, by `<chat_id>:<message_id>`, so edits can find them. */
  sentTexts: Map<string, string>;
}

/** Default draft rate: one per 800 ms per chat (a little looser than 1/s, for timer jitter). */
export const DEFAULT_DRAFT_RATE: RateLimit = { max: 1, windowMs: 800 };

export type TelegramReply =
  | { ok: true; result: unknown; description?: string }
  | {
      ok: false;
      error_code: number;
      description: string;
      parameters?: { retry_after?: number; migrate_to_chat_id?: number };
    };

type TelegramMethod = (params: Record<string, unknown>, state: TelegramBotState) => TelegramReply;

export interface TelegramBotStateOptions {
  /** `message_id` of the first message sent; default 1. */
  firstMessageId?: number;
  strictAmpersand?: boolean;
  strictNesting?: boolean;
  requireHttpsWebhook?: boolean;
}

export function createTelegramBotState(options: TelegramBotStateOptions = {}): TelegramBotState {
  const firstMessageId = options.firstMessageId ?? 1;
  if (!Number.isSafeInteger(firstMessageId) || firstMessageId < 1) {
    throw new Error("firstMessageId must be a positive integer");
  }
  return {
    nextMessageId: firstMessageId,
    webhook: { url: "" },
    commands: new Map(),
    strictAmpersand: options.strictAmpersand ?? true,
    strictNesting: options.strictNesting ?? true,
    requireHttpsWebhook: options.requireHttpsWebhook ?? false,
    drafts: createRateWindow(DEFAULT_DRAFT_RATE),
    sentTexts: new Map(),
  };
}

const ok = (result: unknown, description?: string): TelegramReply =>
  description === undefined ? { ok: true, result } : { ok: true, result, description };

export const badRequest = (description: string): TelegramReply => ({
  ok: false,
  error_code: 400,
  description: `Bad Request: ${description}`,
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

const botAsSender = () => ({
  id: FAKE_BOT_ID,
  is_bot: true,
  first_name: FAKE_BOT_FIRST_NAME,
  username: FAKE_BOT_USERNAME,
});

/** Telegram accepts a numeric id (or its string form) or an `@channel` username. */
function resolveChat(chatId: unknown): Record<string, unknown> | TelegramReply {
  if (chatId === undefined || chatId === null || chatId === "")
    return badRequest("chat_id is empty");
  const asText = String(chatId);
  if (/^-?\d+$/.test(asText)) {
    const id = Number(asText);
    return id > 0
      ? { id, first_name: "Test", username: `user${id}`, type: "private" }
      : { id, title: "Test Group", type: "supergroup" };
  }
  if (/^@[A-Za-z0-9_]{4,}$/.test(asText)) {
    return {
      id: -1001000000001,
      title: asText.slice(1),
      username: asText.slice(1),
      type: "channel",
    };
  }
  return badRequest("chat not found");
}

function isReply(value: unknown): value is TelegramReply {
  return typeof value === "object" && value !== null && "ok" in value;
}

/** Applies `parse_mode` and length limits; returns the text and entities Telegram would store. */
function formatText(
  raw: unknown,
  parseMode: unknown,
  state: TelegramBotState,
  limit: { max: number; tooLong: string },
): { text: string; entities: unknown[] | undefined } | TelegramReply {
  const source = raw === undefined || raw === null ? "" : String(raw);
  const mode = typeof parseMode === "string" ? parseMode.toLowerCase() : "";
  let text = source;
  let entities: unknown[] | undefined;
  if (mode === "html") {
    const parsed = parseTelegramHtml(source, {
      strictAmpersand: state.strictAmpersand,
      strictNesting: state.strictNesting,
    });
    if (!parsed.ok) return badRequest(`can't parse entities: ${parsed.error}`);
    text = parsed.text;
    entities = parsed.entities.length > 0 ? parsed.entities : undefined;
  } else if (mode !== "" && mode !== "markdown" && mode !== "markdownv2") {
    return badRequest("unsupported parse_mode");
  }
  if (text.length > limit.max) return badRequest(limit.tooLong);
  return { text, entities };
}

function nextMessage(state: TelegramBotState, chat: Record<string, unknown>) {
  const messageId = state.nextMessageId;
  state.nextMessageId += 1;
  return { message_id: messageId, from: botAsSender(), chat, date: nowSeconds() };
}

const sendMessage: TelegramMethod = (params, state) => {
  const chat = resolveChat(params.chat_id);
  if (isReply(chat)) return chat;
  const formatted = formatText(params.text, params.parse_mode, state, {
    max: MESSAGE_TEXT_MAX_CHARS,
    tooLong: "message is too long",
  });
  if (isReply(formatted)) return formatted;
  if (formatted.text.trim() === "") return badRequest("message text is empty");
  const markup = checkInlineKeyboard(params.reply_markup);
  if (isReply(markup)) return markup;
  const entities =
    formatted.entities ?? (Array.isArray(params.entities) ? params.entities : undefined);
  const message = nextMessage(state, chat);
  state.sentTexts.set(`${String(chat.id)}:${message.message_id}`, formatted.text);
  return ok({
    ...message,
    text: formatted.text,
    ...(entities ? { entities } : {}),
    ...(markup ? { reply_markup: markup } : {}),
  });
};

/**
 * Bot API 9.5: private chats only, a non-zero `draft_id`, 0-4096 characters after entities
 * parsing, and (like messages) a 429 with `retry_after` when drafts come faster than the chat's
 * rate. Nothing is stored: a draft is an ephemeral bubble.
 */
const sendMessageDraft: TelegramMethod = (params, state) => {
  const chat = resolveChat(params.chat_id);
  if (isReply(chat)) return chat;
  if (chat.type !== "private") return badRequest("TEXTDRAFT_PEER_INVALID");
  const draftId = Number(params.draft_id);
  if (!Number.isInteger(draftId) || draftId === 0) return badRequest("draft_id must be non-zero");
  const formatted = formatText(params.text, params.parse_mode, state, {
    max: MESSAGE_TEXT_MAX_CHARS,
    tooLong: "message is too long",
  });
  if (isReply(formatted)) return formatted;
  const retryAfter = state.drafts.take(String(chat.id));
  if (retryAfter !== undefined) {
    return {
      ok: false,
      error_code: 429,
      description: `Too Many Requests: retry after ${retryAfter}`,
      parameters: { retry_after: retryAfter },
    };
  }
  return ok(true);
};

/** Telegram's limits on an inline keyboard: button text, and callback_data of 1-64 bytes. */
function checkInlineKeyboard(markup: unknown): Record<string, unknown> | undefined | TelegramReply {
  if (markup === undefined) return undefined;
  const rows = (markup as { inline_keyboard?: unknown } | null)?.inline_keyboard;
  if (!Array.isArray(rows)) return undefined;
  for (const row of rows) {
    if (!Array.isArray(row)) return badRequest('field "inline_keyboard" must be an Array of Array');
    for (const button of row as Array<Record<string, unknown>>) {
      if (typeof button?.text !== "string" || button.text === "") {
        return badRequest("text buttons are unallowed in the inline keyboard");
      }
      const data = button.callback_data;
      if (data !== undefined) {
        const bytes = new TextEncoder().encode(String(data)).length;
        if (bytes < 1 || bytes > 64) return badRequest("BUTTON_DATA_INVALID");
      }
    }
  }
  return markup as Record<string, unknown>;
}

const editMessageText: TelegramMethod = (params, state) => {
  const chat = resolveChat(params.chat_id);
  if (isReply(chat)) return chat;
  const key = `${String(chat.id)}:${String(params.message_id)}`;
  const current = state.sentTexts.get(key);
  if (current === undefined) return badRequest("message to edit not found");
  const formatted = formatText(params.text, params.parse_mode, state, {
    max: MESSAGE_TEXT_MAX_CHARS,
    tooLong: "MESSAGE_TOO_LONG",
  });
  if (isReply(formatted)) return formatted;
  if (formatted.text.trim() === "") return badRequest("message text is empty");
  const markup = checkInlineKeyboard(params.reply_markup);
  if (isReply(markup)) return markup;
  if (formatted.text === current && markup === undefined) {
    return badRequest(
      "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    );
  }
  state.sentTexts.set(key, formatted.text);
  return ok({
    message_id: Number(params.message_id),
    from: botAsSender(),
    chat,
    date: nowSeconds(),
    edit_date: nowSeconds(),
    text: formatted.text,
  });
};

const answerCallbackQuery: TelegramMethod = (params) => {
  if (typeof params.callback_query_id !== "string" || params.callback_query_id === "") {
    return badRequest("query is too old and response timeout expired or query ID is invalid");
  }
  if (params.text !== undefined && String(params.text).length > 200) {
    return badRequest("MESSAGE_TOO_LONG");
  }
  return ok(true);
};

const sendPhoto: TelegramMethod = (params, state) => {
  const chat = resolveChat(params.chat_id);
  if (isReply(chat)) return chat;
  const photo = params.photo;
  if (photo === undefined || photo === "") return badRequest("there is no photo in the request");
  if ((uploadedSize(photo) ?? 0) > PHOTO_UPLOAD_MAX_BYTES) {
    return badRequest("PHOTO_INVALID_DIMENSIONS");
  }
  const formatted = formatText(params.caption, params.parse_mode, state, {
    max: CAPTION_MAX_CHARS,
    tooLong: "message caption is too long",
  });
  if (isReply(formatted)) return formatted;
  const message = nextMessage(state, chat);
  const size = typeof photo === "object" && photo !== null && "size" in photo ? photo.size : 0;
  const fileId = `fake-photo-${message.message_id}`;
  return ok({
    ...message,
    photo: [{ file_id: fileId, file_unique_id: fileId, width: 800, height: 600, file_size: size }],
    ...(formatted.text !== "" ? { caption: formatted.text } : {}),
    ...(formatted.entities ? { caption_entities: formatted.entities } : {}),
  });
};

/** Bot API upload limits: 10 MB for a photo, 50 MB for any other file. */
export const PHOTO_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
export const FILE_UPLOAD_MAX_BYTES = 50 * 1024 * 1024;
/** `sendVoice` takes OGG/Opus, MP3 or M4A; other audio must go as audio or a document. */
const VOICE_FILE = /\.(ogg|oga|opus|mp3|m4a)$/i;

function uploadedSize(file: unknown): number | undefined {
  return typeof file === "object" && file !== null && "size" in file
    ? Number((file as { size: unknown }).size)
    : undefined;
}

/** `sendDocument`, `sendVoice`, `sendAudio`: one uploaded file under `field`, with a caption. */
function sendFileAs(field: "document" | "voice" | "audio"): TelegramMethod {
  return (params, state) => {
    const chat = resolveChat(params.chat_id);
    if (isReply(chat)) return chat;
    const file = params[field];
    if (file === undefined || file === "") return badRequest(`there is no ${field} in the request`);
    const size = uploadedSize(file) ?? 0;
    if (size > FILE_UPLOAD_MAX_BYTES) {
      return { ok: false, error_code: 413, description: "Request Entity Too Large" };
    }
    const fileName =
      typeof file === "object" && file !== null && "fileName" in file
        ? String((file as { fileName: unknown }).fileName)
        : "";
    if (field === "voice" && !VOICE_FILE.test(fileName)) {
      return badRequest("wrong file type for a voice message");
    }
    const formatted = formatText(params.caption, params.parse_mode, state, {
      max: CAPTION_MAX_CHARS,
      tooLong: "message caption is too long",
    });
    if (isReply(formatted)) return formatted;
    const message = nextMessage(state, chat);
    const fileId = `fake-${field}-${message.message_id}`;
    const sent = { file_id: fileId, file_unique_id: fileId, file_name: fileName, file_size: size };
    // Voice and Audio objects always carry a duration (the sender's, else Telegram's own count).
    const duration = field === "document" ? {} : { duration: Number(params.duration ?? 0) };
    return ok({
      ...message,
      [field]: { ...sent, ...duration },
      ...(formatted.text !== "" ? { caption: formatted.text } : {}),
    });
  };
}

const sendChatAction: TelegramMethod = (params) => {
  const chat = resolveChat(params.chat_id);
  if (isReply(chat)) return chat;
  if (typeof params.action !== "string" || !CHAT_ACTIONS.has(params.action)) {
    return badRequest("wrong parameter action in request");
  }
  return ok(true);
};

const deleteWebhook: TelegramMethod = (_params, state) => {
  const wasSet = state.webhook.url !== "";
  state.webhook = { url: "" };
  return ok(true, wasSet ? "Webhook was deleted" : "Webhook is already deleted");
};

const setWebhook: TelegramMethod = (params, state) => {
  const url = typeof params.url === "string" ? params.url : "";
  if (url === "") return deleteWebhook(params, state);
  if (!URL.canParse(url)) return badRequest("invalid webhook URL specified");
  if (state.requireHttpsWebhook && !url.startsWith("https://")) {
    return badRequest("bad webhook: An HTTPS URL must be provided for webhook");
  }
  const secret = params.secret_token;
  if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(String(secret))) {
    return badRequest("secret token contains unallowed characters");
  }
  const alreadySet = state.webhook.url === url;
  state.webhook = {
    url,
    ...(secret !== undefined ? { secretToken: String(secret) } : {}),
    ...(params.allowed_updates !== undefined ? { allowedUpdates: params.allowed_updates } : {}),
    maxConnections: params.max_connections !== undefined ? Number(params.max_connections) : 40,
  };
  return ok(true, alreadySet ? "Webhook is already set" : "Webhook was set");
};

const getWebhookInfo: TelegramMethod = (_params, state) => {
  const { webhook } = state;
  const info: Record<string, unknown> = {
    url: webhook.url,
    has_custom_certificate: false,
    pending_update_count: 0,
  };
  if (webhook.url !== "") {
    info.ip_address = "127.0.0.1";
    info.max_connections = webhook.maxConnections ?? 40;
    if (webhook.allowedUpdates !== undefined) info.allowed_updates = webhook.allowedUpdates;
  }
  if (webhook.lastErrorMessage !== undefined) {
    info.last_error_date = webhook.lastErrorDate ?? nowSeconds();
    info.last_error_message = webhook.lastErrorMessage;
  }
  return ok(info);
};

function commandsKey(params: Record<string, unknown>): string {
  const scope = params.scope ?? { type: "default" };
  return `${JSON.stringify(scope)}|${String(params.language_code ?? "")}`;
}

const setMyCommands: TelegramMethod = (params, state) => {
  const commands = params.commands;
  if (!Array.isArray(commands)) return badRequest('parameter "commands" is required');
  if (commands.length > 100) return badRequest("too many commands specified");
  for (const command of commands) {
    const { command: name, description } = (command ?? {}) as Record<string, unknown>;
    if (typeof name !== "string" || !/^[a-z0-9_]{1,32}$/.test(name)) {
      return badRequest("BOT_COMMAND_INVALID");
    }
    if (typeof description !== "string" || description.length < 1 || description.length > 256) {
      return badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
  }
  state.commands.set(commandsKey(params), commands);
  return ok(true);
};

const getMyCommands: TelegramMethod = (params, state) =>
  ok(state.commands.get(commandsKey(params)) ?? []);

const deleteMyCommands: TelegramMethod = (params, state) => {
  state.commands.delete(commandsKey(params));
  return ok(true);
};

const getMe: TelegramMethod = () =>
  ok({
    ...botAsSender(),
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  });

/** Keyed by lower-case name: Bot API method names are case-insensitive. */
const METHODS_BY_LOWER_NAME = new Map<string, { name: string; run: TelegramMethod }>(
  Object.entries({
    getMe,
    sendMessage,
    sendMessageDraft,
    editMessageText,
    answerCallbackQuery,
    sendPhoto,
    sendDocument: sendFileAs("document"),
    sendVoice: sendFileAs("voice"),
    sendAudio: sendFileAs("audio"),
    sendChatAction,
    setWebhook,
    deleteWebhook,
    getWebhookInfo,
    setMyCommands,
    getMyCommands,
    deleteMyCommands,
    // Answered by the fake's file store (telegram-files.ts), which holds the files people sent.
    getFile: () => badRequest("getFile is served by the file store"),
  }).map(([name, run]) => [name.toLowerCase(), { name, run }]),
);

export function findTelegramMethod(
  name: string,
): { name: string; run: TelegramMethod } | undefined {
  return METHODS_BY_LOWER_NAME.get(name.toLowerCase());
}
