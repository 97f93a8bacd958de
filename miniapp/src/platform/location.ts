import Taro from '@tarojs/taro';
import { Location } from '@lianyan/shared';
import { withTimeout } from '../utils/async';

const TIMEOUT_MS = 8_000;

/** The phone's position in GCJ-02 (the venue's system), or null when refused or unavailable. */
export async function currentLocation(): Promise<Location | null> {
  try {
    const position = await withTimeout(Taro.getLocation({ type: 'gcj02' }), TIMEOUT_MS);
    const parsed = Location.safeParse({ lat: position.latitude, lng: position.longitude, accuracy: position.accuracy });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
