import { CONSOLE_IDENTITY_PREFIX } from "@molt/contracts";
import { useState } from "react";
import { getConfig, listUsers } from "../api/admin-api";
import { ChatComposer } from "../components/chat-composer";
import { ChatTranscript } from "../components/chat-transcript";
import { ErrorMessage } from "../components/error-message";
import { useAsyncData } from "../hooks/use-async-data";
import { useChat } from "../hooks/use-chat";
import { useChatHistory } from "../hooks/use-chat-history";

/** The operator's console identity (also the conversation key), their own agent, and the others. */
async function loadChatTargets() {
  const [config, users] = await Promise.all([getConfig(), listUsers()]);
  const ownIdentity = `${CONSOLE_IDENTITY_PREFIX}${config.admin}`;
  return {
    ownIdentity,
    ownUserId: users.find((user) => user.identities.includes(ownIdentity))?.userId,
    others: users.filter((user) => !user.identities.includes(ownIdentity)),
  };
}

export function ChatPage() {
  const targets = useAsyncData(loadChatTargets);
  // "" is the operator's own agent; otherwise the user id of the agent to talk to.
  const [target, setTarget] = useState("");
  const chat = useChat();
  const history = useChatHistory(
    target || targets.data?.ownUserId,
    targets.data?.ownIdentity ?? "",
    target,
  );

  const shown = [
    ...history.messages,
    ...chat.messages.filter((message) => message.target === target),
  ];
  return (
    <section className="chat">
      <label className="chat-target">
        Talk to{" "}
        <select
          value={target}
          onChange={(event) => setTarget(event.target.value)}
          disabled={chat.working}
          data-testid="chat-user-select"
        >
          <option value="">my own agent</option>
          {targets.data?.others.map((user) => (
            <option key={user.userId} value={user.userId}>
              {user.displayName ?? user.userId} ({user.userId})
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage message={targets.error} />
      <ErrorMessage message={history.error} />
      <ChatTranscript
        messages={shown}
        working={chat.working}
        loading={targets.loading || history.loading}
        draft={chat.draft?.target === target ? chat.draft.text : undefined}
      />
      <ChatComposer
        disabled={!targets.data || chat.working}
        onSend={(text) => chat.send(text, target || undefined)}
      />
      <ErrorMessage message={chat.error} />
    </section>
  );
}
