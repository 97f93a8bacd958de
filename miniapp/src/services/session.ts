import Taro from '@tarojs/taro';
import { User, type AuthResult } from '@lianyan/shared';

const ACCESS_TOKEN_KEY = 'lianyan.accessToken';
const REFRESH_TOKEN_KEY = 'lianyan.refreshToken';
const USER_KEY = 'lianyan.user';

type SessionListener = (user: User | null) => void;
const listeners = new Set<SessionListener>();

function readString(key: string): string {
  const value: unknown = Taro.getStorageSync(key);
  return typeof value === 'string' ? value : '';
}

function notify(user: User | null) {
  listeners.forEach((listener) => listener(user));
}

export function getAccessToken(): string {
  return readString(ACCESS_TOKEN_KEY);
}

export function getRefreshToken(): string {
  return readString(REFRESH_TOKEN_KEY);
}

/** The user saved at sign-in; validated because storage may hold data from an older version. */
export function getCachedUser(): User | null {
  if (!getAccessToken()) return null;
  const parsed = User.safeParse(Taro.getStorageSync(USER_KEY));
  return parsed.success ? parsed.data : null;
}

export function saveAuthResult(result: AuthResult): void {
  Taro.setStorageSync(ACCESS_TOKEN_KEY, result.token);
  Taro.setStorageSync(REFRESH_TOKEN_KEY, result.refreshToken);
  Taro.setStorageSync(USER_KEY, result.user);
  notify(result.user);
  // A login during the 注销 cooling-off cancelled it: say so, once.
  if (result.deletionCancelled) void Taro.showModal({ title: '注销申请已撤销', content: '你在冷静期内重新登录，账号注销申请已自动撤销。', showCancel: false, confirmText: '知道了' });
}

export function saveUser(user: User): void {
  Taro.setStorageSync(USER_KEY, user);
  notify(user);
}

export function clearSession(): void {
  Taro.removeStorageSync(ACCESS_TOKEN_KEY);
  Taro.removeStorageSync(REFRESH_TOKEN_KEY);
  Taro.removeStorageSync(USER_KEY);
  notify(null);
}

export function onSessionChange(listener: SessionListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
