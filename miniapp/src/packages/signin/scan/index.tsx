import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { ATTENDANCE_STATUS_LABELS, zeroHoursReason, type QrPurpose, type Session } from '@lianyan/shared';
import { appConfig } from '@/config';
import { currentLocation } from '@/platform/location';
import { platformLogin } from '@/platform/login';
import { scanner } from '@/platform/scanner';
import { ApiError } from '@/services/request';
import { getAccessToken } from '@/services/session';
import { getSession } from '@/services/sessions';
import { submitOrQueue } from '@/services/signin-queue';
import { newScan, type ScanResult } from '@/services/signins';
import { errorMessage, hoursLabel } from '@/utils/labels';
import { parseSignInLink, safeDecode, scanPageUrl, type SignInLink } from '@/utils/links';
import { scanSignInLink } from '@/utils/scan-sign-in';
import { formatClock, formatDateTime, formatRange } from '@/utils/time';
import { PrivacySheet } from '@/components/PrivacySheet';
import './index.scss';

type Outcome =
  | { kind: 'working'; step: string }
  | { kind: 'needLogin' }
  | { kind: 'done'; purpose: QrPurpose; result: ScanResult }
  | { kind: 'queued'; purpose: QrPurpose }
  | { kind: 'failed'; code: string; message: string; details?: Record<string, unknown> };

interface Shown {
  tone: 'ok' | 'warn' | 'bad' | 'wait';
  title: string;
  lines: string[];
}

const INVALID_CODE_MESSAGE = '二维码无效，请扫描本次活动现场的二维码';
/** A garbled, cut or foreign code (or one naming no session): the same advice — scan the venue's code again. */
const UNREADABLE_CODES = new Set(['TOKEN_INVALID', 'VALIDATION_FAILED', 'NOT_FOUND', 'SESSION_NOT_FOUND']);

/** From the page link (`sessionId`, `token`, `purpose`) or WeChat's ordinary-link QR (`q`, `scancode_time`). */
function readScan(params: Partial<Record<string, string>>): { link: SignInLink; scannedAt: Date } | null {
  const link = params.q
    ? parseSignInLink(safeDecode(params.q))
    : params.sessionId && params.token
      ? { sessionId: safeDecode(params.sessionId), token: params.token, purpose: params.purpose === 'out' ? ('out' as const) : ('in' as const) }
      : null;
  if (!link) return null;
  const seconds = Number(params.scancode_time);
  const scannedAt = Number.isFinite(seconds) && seconds > 0 ? new Date(Math.min(seconds * 1000, Date.now())) : new Date();
  return { link, scannedAt };
}

function describe(outcome: Outcome): Shown {
  switch (outcome.kind) {
    case 'working':
      return { tone: 'wait', title: outcome.step, lines: [] };
    case 'needLogin':
      return { tone: 'warn', title: '请先登录', lines: ['请在微信中打开「联研」小程序扫码签到。'] };
    case 'queued':
      return {
        tone: 'warn',
        title: '已保存，联网后自动提交',
        lines: [`当前网络不可用，${outcome.purpose === 'out' ? '签退' : '签到'}已保存在本机，恢复网络后会自动提交，请勿删除小程序。`],
      };
    case 'done':
      return outcome.purpose === 'out' ? describeSignOut(outcome.result) : describeSignIn(outcome.result);
    case 'failed':
      return { tone: 'bad', title: outcome.message, lines: failureLines(outcome) };
  }
}

function describeSignIn({ attendance, repeated }: ScanResult): Shown {
  const at = attendance.signedInAt ? `签到时间 ${formatClock(attendance.signedInAt)}` : '';
  if (repeated) {
    const status = attendance.status === 'on_time' ? '' : `（${ATTENDANCE_STATUS_LABELS[attendance.status]}）`;
    return { tone: 'ok', title: '已签到', lines: [`你已签到过本次活动${status}，无需重复签到。`, at] };
  }
  if (attendance.status === 'late') return { tone: 'warn', title: '迟到', lines: [`${at}，已记为迟到。`] };
  return { tone: 'ok', title: '签到成功', lines: [at] };
}

function describeSignOut({ attendance, repeated }: ScanResult): Shown {
  const at = attendance.signedOutAt ? `签退时间 ${formatClock(attendance.signedOutAt)}` : '';
  // 0 学时 after arriving late or leaving early says why (the rule's detail is on the session page and in 我的档案).
  const late = attendance.status === 'late' || attendance.status === 'left_early';
  const hours = `本次记 ${hoursLabel(attendance.creditedHours)}${attendance.creditedHours === 0 && late ? `：${zeroHoursReason(attendance.status, undefined)}` : ''}`;
  if (repeated) return { tone: 'ok', title: '已签退', lines: ['你已签退过本次活动，无需重复签退。', at, hours] };
  if (attendance.status === 'left_early') return { tone: 'warn', title: '签退成功（早退）', lines: [at, hours] };
  return { tone: 'ok', title: '签退成功', lines: [at, hours] };
}

function failureLines({ code, details }: Extract<Outcome, { kind: 'failed' }>): string[] {
  const text = (key: string) => (typeof details?.[key] === 'string' ? (details[key] as string) : '');
  const num = (key: string) => (typeof details?.[key] === 'number' ? Math.round(details[key] as number) : null);
  if (code === 'WINDOW_CLOSED' && text('opensAt') && text('closesAt')) {
    return [`签到时间：${formatDateTime(text('opensAt'))} 至 ${formatDateTime(text('closesAt'))}`];
  }
  if (code === 'OUTSIDE_GEOFENCE' && num('distanceM') !== null) {
    return [`你距活动地点约 ${num('distanceM')} 米，签到范围为 ${num('radiusM') ?? '—'} 米。`];
  }
  if (code === 'TOKEN_EXPIRED') return ['现场大屏上的二维码每隔几秒刷新一次，请重新扫描大屏上最新的二维码。'];
  if (UNREADABLE_CODES.has(code)) return ['这个链接不完整或不是联研的签到二维码。请对准活动现场大屏上的二维码重新扫描；仍无法签到时，请联系活动组织者。'];
  return [];
}

const goHome = () => void Taro.reLaunch({ url: '/pages/index/index?tab=signIn' });

async function scanAgain() {
  const link = await scanSignInLink();
  if (link) void Taro.redirectTo({ url: scanPageUrl(link) });
}

export default function ScanPage() {
  const { params } = useRouter();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'working', step: '正在准备签到…' });
  const [noLocation, setNoLocation] = useState(false);
  const [session, setSession] = useState<Session | null>(null);
  const started = useRef(false);
  const scan = readScan(params);

  const run = async () => {
    if (!scan) {
      setOutcome({ kind: 'failed', code: 'TOKEN_INVALID', message: INVALID_CODE_MESSAGE });
      return;
    }
    if (!getAccessToken()) {
      if (platformLogin) {
        setOutcome({ kind: 'working', step: '正在登录…' });
        try {
          await platformLogin.signIn();
        } catch (error) {
          setOutcome({ kind: 'failed', code: 'LOGIN_FAILED', message: errorMessage(error, '登录失败，请重试') });
          return;
        }
      } else if (appConfig.devLoginEnabled) {
        // When the code was scanned goes along, so the time spent logging in does not expire it.
        const back = `${scanPageUrl(scan.link)}&scancode_time=${Math.floor(scan.scannedAt.getTime() / 1000)}`;
        void Taro.redirectTo({ url: `/packages/auth/dev-login/index?redirect=${encodeURIComponent(back)}` });
        return;
      } else {
        setOutcome({ kind: 'needLogin' });
        return;
      }
    }
    setOutcome({ kind: 'working', step: '正在获取位置…' });
    const location = await currentLocation();
    setNoLocation(!location);
    setOutcome({ kind: 'working', step: scan.link.purpose === 'out' ? '正在签退…' : '正在签到…' });
    try {
      const sent = await submitOrQueue(newScan(scan.link, scan.scannedAt, location ?? undefined));
      setOutcome(sent.kind === 'sent' ? { kind: 'done', purpose: scan.link.purpose, result: sent.result } : { kind: 'queued', purpose: scan.link.purpose });
    } catch (error) {
      setOutcome(
        error instanceof ApiError
          ? { kind: 'failed', code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) }
          : { kind: 'failed', code: 'INTERNAL', message: errorMessage(error, '签到失败，请重试') },
      );
    }
    getSession(scan.link.sessionId).then(
      (detail) => setSession(detail.session),
      () => undefined,
    );
  };

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void run();
    // Once per opened code; a new code opens a new page.
  }, []);

  const shown = describe(outcome);
  const retryable = outcome.kind === 'failed' && outcome.code === 'LOGIN_FAILED';
  const rescan = outcome.kind === 'failed' && (outcome.code === 'TOKEN_EXPIRED' || UNREADABLE_CODES.has(outcome.code)) && scanner;

  return (
    <View className='scan-page'>
      <PrivacySheet />
      <View className={`scan-result scan-result--${shown.tone}`} data-testid='signin-result' data-state={outcome.kind}>
        <View className='scan-result__icon'>
          <Text>{shown.tone === 'ok' ? '✓' : shown.tone === 'wait' ? '…' : '!'}</Text>
        </View>
        <Text className='scan-result__title' data-testid='signin-result-title'>
          {shown.title}
        </Text>
        {shown.lines.filter(Boolean).map((line) => (
          <Text key={line} className='scan-result__line' data-testid='signin-result-line'>
            {line}
          </Text>
        ))}
        {noLocation && (outcome.kind === 'done' || outcome.kind === 'queued') ? (
          <Text className='scan-result__note' data-testid='signin-no-location'>
            未获取到位置信息，已在无位置的情况下提交
          </Text>
        ) : null}
      </View>

      {session ? (
        <View className='card'>
          <Text className='card__title'>{session.title}</Text>
          <Text className='muted'>{formatRange(session.startAt, session.endAt)}</Text>
          {session.venue ? <Text className='muted scan-page__venue'>{session.venue.name}</Text> : null}
        </View>
      ) : null}

      {outcome.kind !== 'working' ? (
        <View className='actions'>
          {rescan ? (
            <Button className='btn' data-testid='signin-rescan' onClick={() => void scanAgain()}>
              重新扫描
            </Button>
          ) : null}
          {retryable ? (
            <Button className='btn' onClick={() => void run()}>
              重试
            </Button>
          ) : null}
          <Button className='btn btn--secondary' data-testid='signin-home' onClick={goHome}>
            返回我的活动
          </Button>
        </View>
      ) : null}
    </View>
  );
}
