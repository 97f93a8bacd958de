import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { DisplayView, QrPurpose } from '@lianyan/shared';
import { qrImageSrc } from '../../platform/qr-image';
import { keepScreenOn } from '../../platform/screen';
import { ApiError } from '../../services/request';
import { getDisplay } from '../../services/sessions';
import { errorMessage } from '../../utils/labels';
import { safeDecode } from '../../utils/links';
import { formatClock, formatRange } from '../../utils/time';
import { COUNTS_EVERY_MS, FATAL_HINT, INVALID_LINK_MESSAGE, LATEST_SHOWN, TICK_MS, codeExpiresLocal, displayFatalMessage, spacedCode } from './model';
import './index.scss';


interface Shown {
  view: DisplayView;
  /** When this code stops being current, on this device's clock. */
  expiresLocal: number;
}

function fatalMessage(error: unknown): string | null {
  return error instanceof ApiError ? displayFatalMessage(error.status, error.message) : null;
}

export default function DisplayPage() {
  const { params } = useRouter();
  const sessionId = params.sessionId ?? '';
  const key = safeDecode(params.key ?? '');
  const [purpose, setPurpose] = useState<QrPurpose>('in');
  const [shown, setShown] = useState<Shown | null>(null);
  const [fatal, setFatal] = useState<string | null>(sessionId && key ? null : INVALID_LINK_MESSAGE);
  const [warning, setWarning] = useState('');
  const [now, setNow] = useState(Date.now());
  const inFlight = useRef(false);
  const expiresLocal = useRef(0);
  const lastFetch = useRef(0);
  const purposeRef = useRef<QrPurpose>('in');

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    lastFetch.current = Date.now();
    const asked = purposeRef.current;
    try {
      const view = await getDisplay(sessionId, key, asked);
      if (asked !== purposeRef.current) return;
      expiresLocal.current = codeExpiresLocal(view, Date.now());
      setShown({ view, expiresLocal: expiresLocal.current });
      setWarning('');
    } catch (error) {
      const message = fatalMessage(error);
      if (message) setFatal(message);
      else setWarning(`${errorMessage(error, '网络异常')}，正在重试…`);
    } finally {
      inFlight.current = false;
    }
  }, [sessionId, key]);

  useEffect(() => {
    if (fatal) return undefined;
    keepScreenOn();
    void refresh();
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      const expired = expiresLocal.current > 0 && t >= expiresLocal.current;
      if (expired || t - lastFetch.current >= COUNTS_EVERY_MS) void refresh();
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [fatal, refresh]);

  const toggle = () => {
    const next: QrPurpose = purpose === 'in' ? 'out' : 'in';
    purposeRef.current = next;
    setPurpose(next);
    setShown(null);
    expiresLocal.current = 0;
    inFlight.current = false;
    void refresh();
  };

  const qrUrl = shown?.view.qr.url;
  const qrSrc = useMemo(() => (qrUrl ? qrImageSrc(qrUrl) : ''), [qrUrl]);

  if (fatal) {
    return (
      <View className='display display--fatal' data-testid='display-error'>
        <Text className='display__fatal'>{fatal}</Text>
        <Text className='display__fatal-hint'>{FATAL_HINT}</Text>
      </View>
    );
  }

  const view = shown?.view;
  const seconds = shown ? Math.max(0, Math.ceil((shown.expiresLocal - now) / 1_000)) : 0;
  const label = purpose === 'in' ? '签到' : '签退';
  return (
    <View className={`display display--${purpose}`}>
      <View className='display__header'>
        <Text className='display__title' data-testid='display-title'>
          {view?.session.title ?? '正在加载…'}
        </Text>
        {view ? (
          <Text className='display__meta'>
            {formatRange(view.session.startAt, view.session.endAt)}
            {view.session.venue ? ` · ${view.session.venue}` : ''}
          </Text>
        ) : null}
      </View>

      <View className='display__body'>
        <View className='display__code'>
          <Text className='display__purpose'>微信扫码{label}</Text>
          <View className='display__qr' data-testid='display-qr'>
            {qrSrc ? (
              <Image
                className='display__qr-image'
                src={qrSrc}
                mode='aspectFit'
                ariaLabel={`${label}二维码`}
                nativeProps={{ alt: `${label}二维码，请用微信扫码${label}` }}
              />
            ) : (
              <View className='display__qr-image' />
            )}
          </View>
          <Text className='display__countdown' data-testid='display-countdown'>
            {shown ? `${seconds} 秒后刷新` : '正在获取二维码…'}
          </Text>
          {view?.qr.code ? (
            <View className='display__typed' data-testid='display-typed-code'>
              <Text className='display__typed-label'>线上参会请在小程序输入{label}码</Text>
              <Text className='display__typed-code'>{spacedCode(view.qr.code)}</Text>
            </View>
          ) : null}
          {warning ? <Text className='display__warning'>{warning}</Text> : null}
        </View>

        <View className='display__side'>
          <View className='display__counts'>
            <View className='display__count display__count--main'>
              <Text className='display__count-label'>已签到</Text>
              <Text className='display__count-value' data-testid='display-signed-in'>
                {view?.summary.signedIn ?? 0}
              </Text>
            </View>
            <View className='display__count'>
              <Text className='display__count-label'>应到</Text>
              <Text className='display__count-value' data-testid='display-expected'>
                {view?.summary.expected ?? 0}
              </Text>
            </View>
            <View className='display__count'>
              <Text className='display__count-label'>迟到</Text>
              <Text className='display__count-value' data-testid='display-late'>
                {view?.summary.late ?? 0}
              </Text>
            </View>
            {purpose === 'out' ? (
              <View className='display__count'>
                <Text className='display__count-label'>已签退</Text>
                <Text className='display__count-value' data-testid='display-signed-out'>
                  {view?.summary.signedOut ?? 0}
                </Text>
              </View>
            ) : null}
          </View>

          <View className='display__latest' data-testid='display-latest'>
            <Text className='display__latest-title'>最新签到</Text>
            {view && view.latest.length > 0 ? (
              view.latest.slice(0, LATEST_SHOWN).map((person) => (
                <View key={`${person.name}-${person.at}`} className='display__person'>
                  <Text className='display__person-name'>{person.name}</Text>
                  <Text className='display__person-time'>
                    {formatClock(person.at)}
                    {person.status === 'late' ? ' 迟到' : ''}
                  </Text>
                </View>
              ))
            ) : (
              <Text className='display__empty'>等待签到…</Text>
            )}
          </View>

          <Button className='display__toggle' data-testid='display-toggle' onClick={toggle}>
            {purpose === 'in' ? '切换到签退码' : '切换到签到码'}
          </Button>
        </View>
      </View>
    </View>
  );
}
