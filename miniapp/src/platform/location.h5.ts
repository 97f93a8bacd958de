import Taro from '@tarojs/taro';
import { Location } from '@lianyan/shared';
import { withTimeout } from '../utils/async';
import { guardPrivacy } from './privacy';
import { wgs84ToGcj02 } from '../utils/geo';

/** Asked before the position is read; refused → null, and the sign-in goes ahead flagged 未获取定位. */
const LOCATION_ASK = { purpose: '签到时读取一次位置，确认你在活动现场附近（服务器只保存距离和是否在范围内）。', wayOn: '不提供位置也能签到，记录会标注“未获取定位”。' };

const TIMEOUT_MS = 8_000;

/** Browsers report WGS-84 only; converted to GCJ-02 so it compares with a venue picked on a Chinese map. */
export async function currentLocation(): Promise<Location | null> {
  if (!(await guardPrivacy(LOCATION_ASK))) return null;
  try {
    const position = await withTimeout(
      Taro.getLocation({ type: 'wgs84', isHighAccuracy: true, highAccuracyExpireTime: TIMEOUT_MS }),
      TIMEOUT_MS + 1_000,
    );
    const { lat, lng } = wgs84ToGcj02(position.latitude, position.longitude);
    const parsed = Location.safeParse({ lat, lng, accuracy: position.accuracy });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
