import { makePrivacyGuard } from './privacy-common';

// DingTalk and H5: no platform authorization, our own texts only (the same sheet, at first login and first use).

export { AGREE_BUTTON_ID, FIRST_USE, PHOTO_ASK, PrivacyRefused, type PrivacyAsk } from './privacy-common';

export const { guardPrivacy, withPrivacy, checkPrivacyOnOpen } = makePrivacyGuard(async () => false);

/** WeChat's own 用户隐私保护指引 (filed with the platform); elsewhere our 隐私政策 page is the text. */
export const openPlatformContract: (() => Promise<void>) | null = null;

/** WeChat only: answers onNeedPrivacyAuthorization with the sheet. */
export function installPrivacyHandler(): void {}
