import Taro from '@tarojs/taro';
import { displayPageUrl } from '../utils/links';

/** Opens the venue display inside the mini-program. */
export function openDisplay(link: { url: string; key: string }, sessionId: string): void {
  void Taro.navigateTo({ url: displayPageUrl(sessionId, link.key) });
}
