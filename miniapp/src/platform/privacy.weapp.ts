import Taro from '@tarojs/taro';
import { askPrivacy } from '../components/PrivacySheet/store';
import { AGREE_BUTTON_ID, FIRST_USE, makePrivacyGuard } from './privacy-common';

// WeChat (__usePrivacyCheck__): a privacy interface fails until the person taps a button of open-type
// agreePrivacyAuthorization. The sheet has that button; the same tap records agreement to our own texts.

export { AGREE_BUTTON_ID, FIRST_USE, PHOTO_ASK, PrivacyRefused, type PrivacyAsk } from './privacy-common';

function wechatNeedsAuthorization(): Promise<boolean> {
  return new Promise((resolve) => {
    Taro.getPrivacySetting({ success: (r) => resolve(r.needAuthorization), fail: () => resolve(false) });
  });
}

export const { guardPrivacy, withPrivacy, checkPrivacyOnOpen } = makePrivacyGuard(wechatNeedsAuthorization);

export const openPlatformContract: (() => Promise<void>) | null = () =>
  new Promise((resolve) => {
    Taro.openPrivacyContract({ complete: () => resolve() });
  });

let installed = false;
/** A privacy interface reached without agreement (a component, or WeChat's setting reset): the sheet asks. */
export function installPrivacyHandler(): void {
  if (installed || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  installed = true;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    resolve({ event: 'exposureAuthorization' });
    void askPrivacy(FIRST_USE).then((agreed) => resolve(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' }));
  });
}
