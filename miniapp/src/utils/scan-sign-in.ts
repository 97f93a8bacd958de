import Taro from '@tarojs/taro';
import { PrivacyRefused } from '../platform/privacy';
import { scanner } from '../platform/scanner';
import { parseSignInLink, type SignInLink } from './links';

/** Opens the in-app scanner and reads a sign-in code; null when cancelled or not one of ours (after saying so). */
export async function scanSignInLink(): Promise<SignInLink | null> {
  if (!scanner) return null;
  let text: string;
  try {
    text = await scanner.readCode();
  } catch (error) {
    // Cancelled: nothing to say. Refused at the privacy sheet: the way on (the system camera, a typed code).
    if (error instanceof PrivacyRefused) void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
    return null;
  }
  const link = parseSignInLink(text);
  if (!link) void Taro.showToast({ title: '这不是联研的签到二维码', icon: 'none' });
  return link;
}
