/** Asks for consent to the reminder message before registering; only WeChat has subscribe messages. */
export async function requestReminderConsent(): Promise<void> {
  // DingTalk and the web have no subscribe messages: nothing to ask.
}
