import { describe, expect, it } from "vitest";
import { markdownToSlackMrkdwn } from "./slack-mrkdwn";

describe("mentions in model answers", () => {
  it("shows special mentions as text instead of notifying", () => {
    const mrkdwn = markdownToSlackMrkdwn(
      "Hey <!channel> <!here|here> <!everyone> <@U0VICTIM> <!subteam^S01|@ops> and `<!here>`",
    );
    expect(mrkdwn).not.toMatch(/<[!@]/);
    expect(mrkdwn).toContain("&lt;!channel&gt;");
    expect(mrkdwn).toContain("&lt;@U0VICTIM&gt;");
  });

  it("breaks a bare @channel, @here or @everyone", () => {
    const mrkdwn = markdownToSlackMrkdwn("ping @channel, @Here and @everyone");
    expect(mrkdwn).not.toMatch(/@(channel|here|everyone)\b/i);
    expect(mrkdwn.replaceAll("\u2060", "")).toContain("ping @channel, @Here and @everyone");
  });

  it("leaves links and e-mail addresses alone", () => {
    expect(markdownToSlackMrkdwn("[a](https://example.com) ana@example.com")).toContain(
      "<https://example.com|a>",
    );
  });
});
