import Taro from '@tarojs/taro';
import { appConfig } from '../config';

/** WeChat sends a subscribe message only after a consent per message: asked when the parent registers. */
export async function requestReminderConsent(): Promise<void> {
  if (!appConfig.reminderTemplateId) return;
  // A refusal is the parent's choice: registration goes ahead without a reminder.
  await Taro.requestSubscribeMessage({ tmplIds: [appConfig.reminderTemplateId], entityIds: [] }).catch(() => undefined);
}

/** One consent per message: asked at each check-in, for the reminder of the next period. */
export async function requestCheckInReminderConsent(): Promise<void> {
  if (!appConfig.checkInTemplateId) return;
  await Taro.requestSubscribeMessage({ tmplIds: [appConfig.checkInTemplateId], entityIds: [] }).catch(() => undefined);
}
