import type { AgentSettings } from "../agent/agent-settings";

/** The person's own choice, in `agent_settings`: "off" mutes voice notes for them. */
const VOICE_PREFERENCE_KEY = "voice-replies";

/** Whether this person wants voice notes (`/voice on|off`); on unless they said off. */
export function wantsVoiceReplies(settings: Pick<AgentSettings, "text">): boolean {
  return settings.text(VOICE_PREFERENCE_KEY) !== "off";
}

export function setVoiceReplies(settings: Pick<AgentSettings, "setText">, on: boolean): void {
  settings.setText(VOICE_PREFERENCE_KEY, on ? "on" : "off");
}

/** The reply to `/voice`, `/voice on` and `/voice off`. */
export function voiceCommandReply(
  settings: Pick<AgentSettings, "text" | "setText">,
  args: string,
  operatorOff: boolean,
): string {
  const choice = args.trim().toLowerCase();
  if (choice === "on" || choice === "off") setVoiceReplies(settings, choice === "on");
  else if (choice !== "") return "Use /voice on or /voice off.";
  const mine = wantsVoiceReplies(settings)
    ? "I answer your voice messages with a voice note and the text (short answers only)."
    : "I answer your voice messages in text only.";
  return operatorOff ? `${mine} Voice notes are off for everyone on this agent right now.` : mine;
}
