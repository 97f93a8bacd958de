import Taro from '@tarojs/taro';
import { withPrivacy } from './privacy';

/**
 * Copies text through the privacy guard. Refused (or failed): the text is shown in a modal instead, to note or
 * long-press — the way on. Resolves whether it was copied.
 */
export async function copyText(data: string, what = '链接'): Promise<boolean> {
  try {
    await withPrivacy({ purpose: `复制${what}需要写入剪贴板。`, wayOn: `不复制，改为显示${what}，可以手动记下或长按选择。` }, () =>
      Taro.setClipboardData({ data }),
    );
    return true;
  } catch {
    await Taro.showModal({ title: `${what}（未复制）`, content: data, showCancel: false, confirmText: '知道了' }).catch(() => undefined);
    return false;
  }
}
