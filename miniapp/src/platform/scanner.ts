import Taro from '@tarojs/taro';
import { withPrivacy } from './privacy';

export interface Scanner {
  /** The text of the scanned code; rejects when the user cancels. */
  readCode(): Promise<string>;
}

export const scanner: Scanner | null = {
  async readCode() {
    const scan = () => Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    const { result } = await withPrivacy({ purpose: '扫码签到需要使用摄像头识别现场二维码（不保存图像）。', wayOn: '用手机自带的扫一扫或微信扫一扫扫现场二维码，线上活动可以输入签到码。' }, scan);
    return result;
  },
};
