import Taro from '@tarojs/taro';
import { Location } from '@lianyan/shared';
import { withTimeout } from '../utils/async';
import { wgs84ToGcj02 } from '../utils/geo';

const TIMEOUT_MS = 8_000;

/** Browsers report WGS-84 only; converted to GCJ-02 so it compares with a venue picked on a Chinese map. */
export async function currentLocation(): Promise<Location | null> {
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
