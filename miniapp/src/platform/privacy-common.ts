import Taro from '@tarojs/taro';
import { needsConsent } from '@lianyan/shared';
import { askPrivacy, hasPrivacySheet, type PrivacyAsk } from '../components/PrivacySheet/store';
import { recordConsent } from '../services/privacy';
import { getCachedUser } from '../services/session';

// Every privacy interface the app calls (location, camera scan, photos, files, clipboard, phone number) goes through
// a guard first: our 隐私政策 + 用户协议 (the version in force) must be agreed, and on WeChat its own authorization
// (__usePrivacyCheck__) too. One themed sheet (<PrivacySheet>) asks; privacy.ts / privacy.weapp.ts are the platforms.

export type { PrivacyAsk } from '../components/PrivacySheet/store';

/** The id of the sheet's agree button (WeChat checks the button named in resolve() was tapped). */
export const AGREE_BUTTON_ID = 'privacy-agree';

export const PHOTO_ASK: PrivacyAsk = {
  purpose: '上传照片或文件需要访问相册、摄像头或聊天文件，只上传你选中的文件。',
  wayOn: '可以先保存文字，稍后再补传照片或文件。',
};

/** A refused privacy interface: the message names the way on. */
export class PrivacyRefused extends Error {
  constructor(readonly ask: PrivacyAsk) {
    super(`未同意隐私政策：${ask.wayOn}`);
  }
}

export const FIRST_USE: PrivacyAsk = {
  purpose: '联研会在你签到（位置）、扫码（摄像头）、上传照片或文件、复制链接（剪贴板）时使用相应的手机权限。',
  wayOn: '你仍可浏览和使用其他功能，需要时会再次询问。',
};

/** A page without a sheet: the same question in a plain modal (our texts are on 我的 → 隐私与协议). */
async function askWithModal(ask: PrivacyAsk, signedIn: boolean): Promise<boolean> {
  const { confirm } = await Taro.showModal({
    title: '隐私保护提示',
    content: `${ask.purpose}请先阅读并同意《隐私政策》和《用户协议》（我的 → 隐私与协议）。不同意也可以：${ask.wayOn}`,
    confirmText: '同意',
    cancelText: '暂不同意',
  });
  if (!confirm) return false;
  if (signedIn) await recordConsent().catch(() => undefined);
  return true;
}

/** The guard of a platform: `platformNeeds` says whether the platform itself still wants an agreement. */
export function makePrivacyGuard(platformNeeds: () => Promise<boolean>) {
  async function guardPrivacy(ask: PrivacyAsk): Promise<boolean> {
    const user = getCachedUser();
    const ours = user !== null && needsConsent(user);
    if (!ours && !(await platformNeeds())) return true;
    return hasPrivacySheet() ? askPrivacy(ask) : askWithModal(ask, user !== null);
  }
  let noticed = false;
  return {
    /** Whether the interface may run now: at once when agreed, else after the sheet's answer. */
    guardPrivacy,
    /** Runs a privacy interface after agreement; throws PrivacyRefused (with the way on) when refused. */
    async withPrivacy<T>(ask: PrivacyAsk, run: () => Promise<T>): Promise<T> {
      if (!(await guardPrivacy(ask))) throw new PrivacyRefused(ask);
      return run();
    },
    /** At first login (and after the texts change): the notice, once per launch; a refusal just closes it. */
    async checkPrivacyOnOpen(): Promise<void> {
      if (noticed) return;
      noticed = true;
      await guardPrivacy(FIRST_USE);
    },
  };
}
