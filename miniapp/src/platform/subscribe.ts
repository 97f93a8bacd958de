/** Asks for consent to the reminder message before registering; only WeChat has subscribe messages. */
export async function requestReminderConsent(): Promise<void> {
  // DingTalk and the web have no subscribe messages: nothing to ask.
}

/** Asks for consent to the next 打卡提醒 when checking in; only WeChat has subscribe messages. */
export async function requestCheckInReminderConsent(): Promise<void> {
  // Nothing to ask on DingTalk and the web.
}
