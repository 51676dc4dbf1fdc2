import { CONSOLE_IDENTITY_PREFIX } from "@molt/contracts";
import { useState } from "react";
import { getConfig, listUsers } from "../api/admin-api";
import { ChatComposer } from "../components/chat-composer";
import { ChatTranscript } from "../components/chat-transcript";
import { ErrorMessage } from "../components/error-message";
import { useAsyncData } from "../hooks/use-async-data";
import { useChat } from "../hooks/use-chat";

/** Everyone the operator can talk to: their own agent, found by its console identity, and others. */
async function loadChatTargets() {
  const [config, users] = await Promise.all([getConfig(), listUsers()]);
  const ownIdentity = `${CONSOLE_IDENTITY_PREFIX}${config.admin}`;
  const own = users.find((user) => user.identities.includes(ownIdentity));
  return { ownUserId: own?.userId, others: users.filter((user) => user !== own) };
}

export function ChatPage() {
  const targets = useAsyncData(loadChatTargets);
  // "" is the operator's own agent; otherwise the user id of the agent to talk to.
  const [target, setTarget] = useState("");
  const chat = useChat(targets.data?.ownUserId);

  const shown = chat.messages.filter((message) => message.target === target);
  return (
    <section className="chat">
      <label>
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
      <ChatTranscript messages={shown} working={chat.working} />
      <ChatComposer
        disabled={!targets.data || chat.working}
        onSend={(text) => chat.send(text, target || undefined)}
      />
      <ErrorMessage message={chat.error} />
    </section>
  );
}
