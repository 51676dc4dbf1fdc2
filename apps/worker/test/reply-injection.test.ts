import { beforeAll, describe, expect, it } from "vitest";
import { fakeModel, fakeSlack, fakeTelegram, resetFakes } from "./support/fakes";
import {
  dmEvent,
  mentionEvent,
  newAllowedSlackUser,
  postSlackEvent,
  unique,
} from "./support/slack-events";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

/** What an injected page asks the model to write: a link whose query carries the person's data. */
const EXFILTRATION_URL = "https://collector.invalid/c?d=ana%40example.com%20secret-plan";

describe("replies do not leak through link previews", () => {
  it("Telegram: a model link with data in its query gets no preview", async () => {
    const person = newAllowedPersonId();
    await fakeModel.script([{ text: `Done. [details](${EXFILTRATION_URL})` }]);
    await postTelegramUpdate(privateTextUpdate(person, "summarize that page"));
    const [reply] = await fakeTelegram.waitForMessages(person, 1);
    expect(reply?.params.link_preview_options).toEqual({ is_disabled: true });
  });

  it("Telegram: the plain-text fallback gets no preview either", async () => {
    const person = newAllowedPersonId();
    await fakeModel.script([{ text: `See ${EXFILTRATION_URL}` }]);
    await fakeTelegram.fail({
      method: "sendMessage",
      times: 1,
      status: 400,
      description: "Bad Request: can't parse entities",
    });
    await postTelegramUpdate(privateTextUpdate(person, "plain fallback"));
    const [reply] = await fakeTelegram.waitForMessages(person, 1);
    expect(reply?.params.parse_mode).toBeUndefined();
    expect(reply?.params.link_preview_options).toEqual({ is_disabled: true });
  });

  it("Telegram: a link the person sent may still be previewed", async () => {
    const person = newAllowedPersonId();
    const theirs = "https://example.org/article/42";
    await fakeModel.script([
      { text: `That article (${theirs}) says hi. Also ${EXFILTRATION_URL}` },
    ]);
    await postTelegramUpdate(privateTextUpdate(person, `what does ${theirs} say?`));
    const [reply] = await fakeTelegram.waitForMessages(person, 1);
    expect(reply?.params.link_preview_options).toEqual({ url: theirs });
  });

  it("Telegram: raw HTML from the model is shown as text, not as a link", async () => {
    const person = newAllowedPersonId();
    await fakeModel.script([{ text: `<a href="${EXFILTRATION_URL}">harmless</a>` }]);
    await postTelegramUpdate(privateTextUpdate(person, "html please"));
    const [reply] = await fakeTelegram.waitForMessages(person, 1);
    expect(reply?.params.text).not.toContain("<a ");
    expect(reply?.params.text).toContain("&lt;a");
  });

  it("Slack: a link the person sent may unfurl when it is the only link", async () => {
    const channel = unique("D");
    const theirs = "https://example.org/slack-article";
    await fakeModel.script([{ text: `About ${theirs}: it is short.` }]);
    await postSlackEvent(dmEvent(newAllowedSlackUser(), channel, `what is <${theirs}>?`));
    await fakeSlack.waitForAnswers(channel, 1);
    const writes = [
      ...(await fakeSlack.calls("chat.postMessage")),
      ...(await fakeSlack.calls("chat.update")),
    ].filter((call) => call.params.channel === channel && call.params.text !== "Working on it…");
    expect(writes.at(-1)?.params).toMatchObject({ unfurl_links: true, unfurl_media: true });
  });

  it("Slack: neither the placeholder's replacement nor a new part unfurls", async () => {
    const channel = unique("D");
    await fakeModel.script([{ text: `Done: <${EXFILTRATION_URL}>` }]);
    await postSlackEvent(dmEvent(newAllowedSlackUser(), channel, unique("unfurl")));
    await fakeSlack.waitForAnswers(channel, 1);
    const writes = [
      ...(await fakeSlack.calls("chat.postMessage")),
      ...(await fakeSlack.calls("chat.update")),
    ].filter((call) => call.params.channel === channel);
    expect(writes.length).toBeGreaterThanOrEqual(2);
    for (const write of writes) {
      expect(write.params).toMatchObject({ unfurl_links: false, unfurl_media: false });
    }
  });
});

describe("Slack replies cannot notify a whole channel", () => {
  it("neutralizes <!channel>, <!here>, <!everyone>, user and group mentions from the model", async () => {
    const channel = unique("C");
    await fakeModel.script([
      {
        text: "Alert <!channel> <!here|here> <!everyone> <@U0VICTIM1> <!subteam^S0TEAM|@ops> @channel done",
      },
    ]);
    await postSlackEvent(mentionEvent(newAllowedSlackUser(), channel, unique("mentions")));
    const [answer] = await fakeSlack.waitForAnswers(channel, 1);
    const text = answer?.text ?? "";
    expect(text).toContain("done");
    expect(text).not.toMatch(/<[!@]/);
    expect(text).not.toMatch(/(^|[^\w])@(channel|here|everyone)\b/);
  });
});
