import Taro from '@tarojs/taro';
import { Location } from '@lianyan/shared';
import { withTimeout } from '../utils/async';
import { guardPrivacy } from './privacy';

/** Asked before the position is read; refused → null, and the sign-in goes ahead flagged 未获取定位. */
const LOCATION_ASK = { purpose: '签到时读取一次位置，确认你在活动现场附近（服务器只保存距离和是否在范围内）。', wayOn: '不提供位置也能签到，记录会标注“未获取定位”。' };

const TIMEOUT_MS = 8_000;

/** The phone's position in GCJ-02 (the venue's system), or null when refused or unavailable. */
export async function currentLocation(): Promise<Location | null> {
  if (!(await guardPrivacy(LOCATION_ASK))) return null;
  try {
    const position = await withTimeout(Taro.getLocation({ type: 'gcj02' }), TIMEOUT_MS);
    const parsed = Location.safeParse({ lat: position.latitude, lng: position.longitude, accuracy: position.accuracy });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
