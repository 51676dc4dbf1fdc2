import { CONSOLE_IDENTITY_PREFIX } from "@molt/contracts";
import { useEffect, useState } from "react";
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

/**
 * One conversation: what was said before (loaded once, when it opens), then what is said here.
 * The page mounts a new one for each agent picked, so coming back loads the history again
 * instead of adding it to what this view already showed.
 */
function ChatConversation({
  target,
  userId,
  conversationKey,
  onWorking,
}: {
  target: string;
  userId: string | undefined;
  conversationKey: string;
  onWorking: (working: boolean) => void;
}) {
  const chat = useChat();
  const history = useChatHistory(userId, conversationKey, target);
  useEffect(() => onWorking(chat.working), [chat.working, onWorking]);
  return (
    <>
      <ErrorMessage message={history.error} />
      <ChatTranscript
        messages={chat.withDecisions([...history.messages, ...chat.messages])}
        working={chat.working}
        loading={history.loading}
        draft={chat.draft?.text}
        onAnswer={(message, choice) => void chat.answer(message, choice)}
      />
      <ChatComposer
        // Not while the history loads: it could already hold a message sent meanwhile.
        disabled={history.loading || chat.working}
        onSend={(text, file) => chat.send(text, target || undefined, file)}
      />
      <ErrorMessage message={chat.error} />
    </>
  );
}

export function ChatPage() {
  const targets = useAsyncData(loadChatTargets);
  // "" is the operator's own agent; otherwise the user id of the agent to talk to.
  const [target, setTarget] = useState("");
  const [working, setWorking] = useState(false);

  function pick(next: string) {
    setTarget(next);
    // Fresh: the operator's own agent may have been created by the first message sent here.
    void targets.reload();
  }

  return (
    <section className="chat">
      <label className="chat-target">
        Talk to{" "}
        <select
          value={target}
          onChange={(event) => pick(event.target.value)}
          disabled={working}
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
      {targets.data && !targets.loading ? (
        <ChatConversation
          key={target}
          target={target}
          userId={target || targets.data.ownUserId}
          conversationKey={targets.data.ownIdentity}
          onWorking={setWorking}
        />
      ) : (
        <>
          <ChatTranscript messages={[]} working={false} loading={targets.loading} />
          <ChatComposer disabled onSend={async () => false} />
        </>
      )}
    </section>
  );
}
