/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Build target, set by `taro build --type`. */
    TARO_ENV: 'weapp' | 'dd' | 'h5';
    TARO_APP_API_BASE: string;
    TARO_APP_ID: string;
    TARO_APP_DD_CORP_ID: string;
    TARO_APP_STAGE: string;
    TARO_APP_WECHAT_REMINDER_TEMPLATE: string;
  }
}
