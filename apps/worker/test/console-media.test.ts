import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { samplePng } from "../../../tests/fakes/media-samples";
import { newConsoleUser } from "./support/console-user";
import { fakeModel, resetFakes, waitFor } from "./support/fakes";
import { adminFetch, setApprovalPolicy } from "./support/worker-api";

beforeAll(resetFakes);

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

async function send(body: unknown) {
  const response = await adminFetch("/api/chat", { method: "POST", body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("files sent from the web chat and pnpm chat", () => {
  it("stores the upload and gives a picture to the model", async () => {
    const png = samplePng(80, 60);
    const sent = await send({
      text: "console-media-1 what is this?",
      attachment: { fileName: "screen.png", mimeType: "image/png", dataBase64: base64(png) },
    });
    expect(sent.status).toBe(202);
    const userId = String(sent.body.userId);
    const upload = await env.WORKSPACES.list({ prefix: `users/${userId}/uploads/` });
    expect(upload.objects.length).toBeGreaterThan(0);
    const [request] = await waitFor(
      () => fakeModel.requestsMentioning("console-media-1"),
      (requests) => requests.length > 0,
      "the model request",
    );
    const content = JSON.stringify(request?.body.messages.at(-1)?.content);
    expect(content).toContain("[Photo received: inbox/");
    expect(content).toContain("-screen-");
    expect(content).toContain("data:image/png;base64,");
  });

  it("reads a text file it was sent, as untrusted data", async () => {
    const text = new TextEncoder().encode("name,score\nada,10\nconsole-media-2,7\n");
    const sent = await send({
      attachment: { fileName: "notes.txt", mimeType: "text/plain", dataBase64: base64(text) },
    });
    expect(sent.status).toBe(202);
    const [request] = await waitFor(
      () => fakeModel.requestsMentioning("console-media-2,7"),
      (requests) => requests.length > 0,
      "the model request",
    );
    expect(JSON.stringify(request?.body.messages.at(-1)?.content)).toContain(
      'source=\\"received file inbox/',
    );
  });

  it("refuses an upload that is not base64, and a message with neither text nor file", async () => {
    expect((await send({ attachment: { fileName: "a.png", dataBase64: "%%%" } })).status).toBe(400);
    expect((await send({ text: "" })).status).toBe(400);
  });
});

describe("the admin API's picture route", () => {
  it("serves a received picture as a picture, and nothing that is not one", async () => {
    const sent = await send({
      text: "console-media-3",
      attachment: {
        fileName: "pic.png",
        mimeType: "image/png",
        dataBase64: base64(samplePng(4, 4)),
      },
    });
    const userId = String(sent.body.userId);
    await waitFor(
      () => fakeModel.requestsMentioning("console-media-3"),
      (requests) => requests.length > 0,
      "the model request",
    );
    const listed = await env.WORKSPACES.list({ prefix: `users/${userId}/workspace/inbox/` });
    const key = listed.objects.map((object) => object.key).find((name) => name.includes("-pic-"));
    const path = key?.slice(`users/${userId}/workspace/`.length) ?? "";
    const image = await adminFetch(
      `/api/users/${userId}/files/image?path=${encodeURIComponent(path)}`,
    );
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("x-content-type-options")).toBe("nosniff");
    await env.WORKSPACES.put(
      `users/${userId}/workspace/inbox/page.html`,
      "<script>alert(1)</script>",
    );
    const html = await adminFetch(`/api/users/${userId}/files/image?path=inbox/page.html`);
    expect(html.status).toBe(415);
    const missing = await adminFetch(`/api/users/${userId}/files/image?path=inbox/none.png`);
    expect(missing.status).toBe(404);
  });
});

describe("received files and the agent's computer", () => {
  it("copies a received file into a computer that is already running", async () => {
    const person = await newConsoleUser("media-computer");
    await fakeModel.script([
      { toolCalls: [{ name: "shell", arguments: { command: "echo computer-up" } }] },
      { text: "It is up." },
    ]);
    expect(await person.say("media-computer-0: start your computer")).toBe("It is up.");
    // A received file is outside content, so the next command would ask first (approvals.test.ts);
    // this test is about the copy into the computer.
    await setApprovalPolicy(person.userId, "off");
    await fakeModel.script([
      { toolCalls: [{ name: "shell", arguments: { command: "cat inbox/*-notes-*.txt" } }] },
      { text: "Read it." },
    ]);
    const text = new TextEncoder().encode("media-computer-secret-line\n");
    const attachment = { fileName: "notes.txt", mimeType: "text/plain", dataBase64: base64(text) };
    expect(
      await person.say("media-computer-1: read it with your computer", 20_000, attachment),
    ).toBe("Read it.");
    const requests = (await fakeModel.requests()).filter((request) =>
      JSON.stringify(request.body.messages).includes("media-computer-1"),
    );
    const toolResults = requests
      .flatMap((request) => request.body.messages.filter((message) => message.role === "tool"))
      .map((message) => JSON.stringify(message.content));
    expect(toolResults.join("\n")).toContain("media-computer-secret-line");
  });
});
