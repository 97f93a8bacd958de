interface WakeLockNavigator {
  wakeLock?: { request(type: 'screen'): Promise<unknown> };
}

/** Keeps the venue PC's screen awake where the browser offers a wake lock. */
export function keepScreenOn(): void {
  (navigator as WakeLockNavigator).wakeLock?.request('screen').catch(() => undefined);
}
