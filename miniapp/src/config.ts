// The only module that reads TARO_APP_* (Taro inlines them at build time; see config/index.ts).
const stage = process.env.TARO_APP_STAGE ?? 'production';

export const appConfig = {
  apiBase: (process.env.TARO_APP_API_BASE ?? '').replace(/\/+$/, ''),
  ddCorpId: process.env.TARO_APP_DD_CORP_ID ?? '',
  stage,
  devLoginEnabled: stage === 'local',
} as const;
