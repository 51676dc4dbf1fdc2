import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { samplePdf, samplePng, sampleVoiceNote } from "../../../tests/fakes/media-samples";
import documentPdf from "../../../tests/fixtures/telegram/document-pdf.json";
import groupPhotoMention from "../../../tests/fixtures/telegram/group-photo-mention.json";
import groupPhotoNotAddressed from "../../../tests/fixtures/telegram/group-photo-not-addressed.json";
import location from "../../../tests/fixtures/telegram/location.json";
import photo from "../../../tests/fixtures/telegram/photo.json";
import voice from "../../../tests/fixtures/telegram/voice.json";
import { TEST_PICKABLE_MODEL_NAME } from "../../../tests/setup/test-settings";
import { fakeModel, fakeTelegram, resetFakes } from "./support/fakes";
import { fakeFiles } from "./support/media";
import { newAllowedPersonId, newUpdateId, privateTextUpdate } from "./support/telegram-updates";
import { postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

let nextFile = 0;

/** A fixture moved to `person`, with a fresh update id and its file under a fresh file_id. */
function fromPerson<T extends { update_id: number; message: Record<string, unknown> }>(
  fixture: T,
  person: number,
): T {
  const update = structuredClone(fixture);
  update.update_id = newUpdateId();
  update.message.message_id = update.update_id % 100_000;
  (update.message.from as { id: number }).id = person;
  const chat = update.message.chat as { id: number; type: string };
  if (chat.type === "private") chat.id = person;
  return update;
}

function withFileId(update: { message: Record<string, unknown> }, key: string): string {
  const fileId = `media-test-${key}-${Date.now()}-${nextFile++}`;
  const value = update.message[key];
  if (Array.isArray(value)) (value.at(-1) as { file_id: string }).file_id = fileId;
  else (value as { file_id: string }).file_id = fileId;
  return fileId;
}

async function send(update: unknown): Promise<string> {
  const response = await postTelegramUpdate(update);
  expect(response.status).toBe(200);
  return ((await response.json()) as { userId: string }).userId;
}

async function lastUserContent(marker: string): Promise<string> {
  const requests = await fakeModel.requestsMentioning(marker);
  return JSON.stringify(requests.at(-1)?.body.messages.at(-1)?.content ?? "");
}

async function inboxKeys(userId: string): Promise<string[]> {
  const listed = await env.WORKSPACES.list({ prefix: `users/${userId}/workspace/inbox/` });
  return listed.objects.map((object) => object.key.slice(`users/${userId}/workspace/`.length));
}

describe("media from Telegram", () => {
  it("gives a photo to the model as an image part, and keeps it in inbox/", async () => {
    const person = newAllowedPersonId();
    const update = fromPerson(photo, person);
    const fileId = withFileId(update, "photo");
    const png = samplePng(128, 96);
    await fakeFiles.putTelegramFile(fileId, { bytes: png, fileName: "photo.png" });
    const userId = await send(update);
    const [reply] = await fakeTelegram.waitForMessages(person, 1);
    const content = await lastUserContent("1280×960");
    expect(content).toContain("[Photo received: inbox/");
    expect(content).toContain("1280×960");
    expect(content).toContain('"type":"image_url"');
    expect(content).toContain("data:image/png;base64,");
    expect(reply?.params.text).toBeTruthy();
    const keys = await inboxKeys(userId);
    const stored = keys.find((key) =>
      /^inbox\/\d{4}-\d{2}-\d{2}-photo-[0-9a-f]{6}\.jpg$/.test(key),
    );
    expect(stored).toBeDefined();
    const object = await env.WORKSPACES.get(`users/${userId}/workspace/${stored}`);
    expect(new Uint8Array((await object?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(
      new Uint8Array(png),
    );
  });

  it("tells a text-only model what a vision model saw, wrapped as untrusted data", async () => {
    const person = newAllowedPersonId();
    await send(privateTextUpdate(person, `/model openai-compatible/${TEST_PICKABLE_MODEL_NAME}`));
    await fakeTelegram.waitForMessages(person, 1);
    const update = fromPerson(photo, person);
    const fileId = withFileId(update, "photo");
    await fakeFiles.putTelegramFile(fileId, { bytes: samplePng(640, 480) });
    await send(update);
    await fakeTelegram.waitForMessages(person, 2);
    const requests = await fakeModel.requestsMentioning("A picture of 640 by 480 pixels");
    const content = JSON.stringify(requests.at(-1)?.body.messages.at(-1)?.content);
    expect(requests.at(-1)?.body.model).toBe(TEST_PICKABLE_MODEL_NAME);
    expect(content).toContain("This model cannot see images");
    expect(content).toContain('<web_content source=\\"image inbox/');
    expect(content).not.toContain("image_url");
  });

  it("runs a voice note's turn on its transcript and quotes it above the answer", async () => {
    const person = newAllowedPersonId();
    const update = fromPerson(voice, person);
    const fileId = withFileId(update, "voice");
    await fakeFiles.putTelegramFile(fileId, {
      bytes: sampleVoiceNote("remind me to water the ferns"),
      fileName: "voice.oga",
    });
    await fakeModel.script([{ text: "Sure, I will remind you." }]);
    await send(update);
    const [reply] = await fakeTelegram.waitForMessages(person, 1);
    const content = await lastUserContent("water the ferns");
    expect(content).toContain("What the person said: remind me to water the ferns");
    const text = String(reply?.params.text);
    expect(text.indexOf("remind me to water the ferns")).toBeLessThan(
      text.indexOf("Sure, I will remind you."),
    );
    expect(text).toContain("🎤");
  });

  it("converts a PDF to text for the model and keeps the original and its text", async () => {
    const person = newAllowedPersonId();
    const update = fromPerson(documentPdf, person);
    const fileId = withFileId(update, "document");
    const pdf = samplePdf("Revenue was 4.2 million, up 12 percent.");
    (update.message.document as { file_size: number }).file_size = pdf.byteLength;
    await fakeFiles.putTelegramFile(fileId, { bytes: pdf, fileName: "report.pdf" });
    const userId = await send(update);
    await fakeTelegram.waitForMessages(person, 1);
    const content = await lastUserContent("Revenue was 4.2 million");
    expect(content).toContain("What are the key numbers?");
    expect(content).toContain('<web_content source=\\"received file inbox/');
    const keys = await inboxKeys(userId);
    const original = keys.find((key) => /-quarterly-report-[0-9a-f]{6}\.pdf$/.test(key));
    const stored = await env.WORKSPACES.get(`users/${userId}/workspace/${original}`);
    expect(new Uint8Array((await stored?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(
      new Uint8Array(pdf),
    );
    expect(keys).toContain(`${original}.md`);
  });

  it("answers an oversized file with its size and the limit, and keeps the message", async () => {
    const person = newAllowedPersonId();
    const update = fromPerson(documentPdf, person);
    const fileId = withFileId(update, "document");
    (update.message.document as { file_size: number }).file_size = 60 * 1024 * 1024;
    await fakeFiles.putTelegramFile(fileId, { size: 60 * 1024 * 1024 });
    await send(update);
    const [reply] = await fakeTelegram.waitForMessages(person, 1);
    expect(String(reply?.params.text)).toContain(
      "that file is 60 MB; the limit for documents is 20 MB",
    );
    expect(await fakeFiles.telegramDownloads()).not.toContain(fileId);
  });

  it("names Telegram's 20 MB download limit when getFile refuses a file", async () => {
    const person = newAllowedPersonId();
    const update = fromPerson(documentPdf, person);
    const fileId = withFileId(update, "document");
    delete (update.message.document as { file_size?: number }).file_size;
    await fakeFiles.putTelegramFile(fileId, { size: 25 * 1024 * 1024 });
    await send(update);
    const [reply] = await fakeTelegram.waitForMessages(person, 1);
    expect(String(reply?.params.text)).toContain("the limit for documents is 20 MB");
  });

  it("answers a corrupt PDF politely instead of failing the turn", async () => {
    const person = newAllowedPersonId();
    const update = fromPerson(documentPdf, person);
    const fileId = withFileId(update, "document");
    const broken = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<< /Type /Catalog");
    (update.message.document as { file_size: number }).file_size = broken.byteLength;
    await fakeFiles.putTelegramFile(fileId, { bytes: broken });
    await send(update);
    const [reply] = await fakeTelegram.waitForMessages(person, 1);
    expect(String(reply?.params.text)).toContain(
      "I could not use “Quarterly report.pdf”: the file could not be converted",
    );
  });

  it("tells the model about a shared location in words", async () => {
    const person = newAllowedPersonId();
    await send(fromPerson(location, person));
    await fakeTelegram.waitForMessages(person, 1);
    const content = await lastUserContent("shared a location");
    expect(content).toContain("51.50735, -0.12776");
  });

  it("takes a group photo only when its caption mentions the bot", async () => {
    const person = newAllowedPersonId();
    const ignoredUpdate = fromPerson(groupPhotoNotAddressed, person);
    const ignored = await postTelegramUpdate(ignoredUpdate);
    expect(await ignored.json()).toMatchObject({
      ok: true,
      ignored: "group message not addressed to the bot",
    });
    const update = fromPerson(groupPhotoMention, person);
    const fileId = withFileId(update, "photo");
    await fakeFiles.putTelegramFile(fileId, { bytes: samplePng(320, 240) });
    await send(update);
    const chatId = (update.message.chat as { id: number }).id;
    await fakeTelegram.waitForMessages(chatId, 1);
    const content = await lastUserContent("what plant is this?");
    expect(content).toContain("[Photo received: inbox/");
    expect(content).toContain('"type":"image_url"');
  });
});
