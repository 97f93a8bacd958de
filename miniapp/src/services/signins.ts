import Taro from '@tarojs/taro';
import * as z from 'zod/mini';
import { Attendance, IsoDateTime, Location, QrPurpose, SignInResponse, type SignInRequest } from '@lianyan/shared';
import { request } from './request';

const DEVICE_ID_KEY = 'lianyan.deviceId';
const ID_CHARS = '0123456789abcdefghijklmnopqrstuvwxyz';

const SignOutResponse = z.object({ attendance: Attendance, alreadySignedOut: z.boolean() });

/** One scan of a sign-in or sign-out code, everything needed to send it now or later. */
export const Scan = z.object({
  sessionId: z.string(),
  purpose: QrPurpose,
  token: z.string(),
  scannedAt: IsoDateTime,
  nonce: z.string(),
  deviceId: z.string(),
  location: z.optional(Location),
});
export type Scan = z.infer<typeof Scan>;

export interface ScanResult {
  attendance: Attendance;
  /** The server already had this sign-in (or sign-out). */
  repeated: boolean;
}

// Not a secret: mini-programs have no crypto.getRandomValues, and these only tell devices and requests apart.
export function randomId(length = 24): string {
  let id = '';
  for (let i = 0; i < length; i++) id += ID_CHARS[Math.floor(Math.random() * ID_CHARS.length)];
  return id;
}

/** A random id per install, kept in storage: accounts signing in from one device get flagged. */
export function getDeviceId(): string {
  const stored: unknown = Taro.getStorageSync(DEVICE_ID_KEY);
  if (typeof stored === 'string' && stored.length >= 8) return stored;
  const id = `d-${Date.now().toString(36)}-${randomId(16)}`;
  Taro.setStorageSync(DEVICE_ID_KEY, id);
  return id;
}

export function newScan(link: { sessionId: string; token: string; purpose: QrPurpose }, scannedAt: Date, location?: Location): Scan {
  return {
    ...link,
    scannedAt: scannedAt.toISOString(),
    nonce: `n-${randomId(22)}`,
    deviceId: getDeviceId(),
    ...(location ? { location } : {}),
  };
}

/** Sends a scan to the sign-in or sign-out endpoint; errors come back as ApiError, without a toast. */
export async function submitScan(scan: Scan): Promise<ScanResult> {
  const body: SignInRequest = {
    token: scan.token,
    deviceId: scan.deviceId,
    nonce: scan.nonce,
    scannedAt: scan.scannedAt,
    ...(scan.location ? { location: scan.location } : {}),
  };
  const base = `/v1/sessions/${encodeURIComponent(scan.sessionId)}`;
  if (scan.purpose === 'out') {
    const result = await request(`${base}/sign-outs`, SignOutResponse, { method: 'POST', data: body, silent: true });
    return { attendance: result.attendance, repeated: result.alreadySignedOut };
  }
  const result = await request(`${base}/sign-ins`, SignInResponse, { method: 'POST', data: body, silent: true });
  return { attendance: result.attendance, repeated: result.alreadySignedIn };
}
