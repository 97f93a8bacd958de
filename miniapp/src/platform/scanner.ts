import Taro from '@tarojs/taro';

export interface Scanner {
  /** The text of the scanned code; rejects when the user cancels. */
  readCode(): Promise<string>;
}

export const scanner: Scanner | null = {
  async readCode() {
    const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return result;
  },
};
