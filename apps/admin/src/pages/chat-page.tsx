import { CONSOLE_IDENTITY_PREFIX } from "@molt/contracts";
import { useState } from "react";
import { getConfig, listUsers } from "../api/admin-api";
import { ChatComposer } from "../components/chat-composer";
import { ChatTranscript } from "../components/chat-transcript";
import { ErrorMessage } from "../components/error-message";
import { useAsyncData } from "../hooks/use-async-data";
import { useChat } from "../hooks/use-chat";

/** The agents besides the operator's own, which the console identity picks out. */
async function loadOtherUsers() {
  const [config, users] = await Promise.all([getConfig(), listUsers()]);
  const ownIdentity = `${CONSOLE_IDENTITY_PREFIX}${config.admin}`;
  return users.filter((user) => !user.identities.includes(ownIdentity));
}

export function ChatPage() {
  const others = useAsyncData(loadOtherUsers);
  // "" is the operator's own agent; otherwise the user id of the agent to talk to.
  const [target, setTarget] = useState("");
  const chat = useChat();

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
          {others.data?.map((user) => (
            <option key={user.userId} value={user.userId}>
              {user.displayName ?? user.userId} ({user.userId})
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage message={others.error} />
      <ChatTranscript
        messages={shown}
        working={chat.working}
        draft={chat.draft?.target === target ? chat.draft.text : undefined}
      />
      <ChatComposer
        disabled={!others.data || chat.working}
        onSend={(text) => chat.send(text, target || undefined)}
      />
      <ErrorMessage message={chat.error} />
    </section>
  );
}
