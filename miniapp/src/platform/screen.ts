import Taro from '@tarojs/taro';

/** Keeps a phone used as the venue display from dimming. */
export function keepScreenOn(): void {
  Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
}
