import Taro from '@tarojs/taro';

export interface Scanner {
  /** The text of the scanned code; rejects when the user cancels. */
  scan(): Promise<string>;
}

export const scanner: Scanner | null = {
  async scan() {
    const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return result;
  },
};
