// The only module that reads TARO_APP_* (Taro inlines them at build time; see config/index.ts).
const stage = process.env.TARO_APP_STAGE ?? 'production';

export const appConfig = {
  apiBase: (process.env.TARO_APP_API_BASE ?? '').replace(/\/+$/, ''),
  ddCorpId: process.env.TARO_APP_DD_CORP_ID ?? '',
  stage,
  devLoginEnabled: stage === 'local',
  /** The WeChat subscribe-message template of 活动开始提醒 (the same id the API sends with). */
  reminderTemplateId: process.env.TARO_APP_WECHAT_REMINDER_TEMPLATE ?? '',
  /** The WeChat subscribe-message template of 打卡提醒 (the API's WECHAT_CHECKIN_TEMPLATE_ID). */
  checkInTemplateId: process.env.TARO_APP_WECHAT_CHECKIN_TEMPLATE ?? '',
} as const;
