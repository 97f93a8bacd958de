import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { SESSION_KIND_LABELS, type MySessions } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { scanner } from '@/platform/scanner';
import { listMySessions } from '@/services/sessions';
import {
  clearReplayResults,
  onQueueChange,
  queuedScans,
  replayQueue,
  replayResults,
  type ReplayResult,
} from '@/services/signin-queue';
import { errorMessage, myStatusBadge } from '@/utils/labels';
import { scanPageUrl } from '@/utils/links';
import { scanSignInLink } from '@/utils/scan-sign-in';
import { formatDateTime, formatRange } from '@/utils/time';
import { LoadFailed } from '@/components/LoadFailed';
import { PendingReflections } from './PendingReflections';

type LoadState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; data: MySessions };
type Item = MySessions['upcoming'][number];

async function scanAndOpen() {
  const link = await scanSignInLink();
  if (link) void Taro.navigateTo({ url: scanPageUrl(link) });
}

export function SignInSection() {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [pending, setPending] = useState(() => queuedScans().length);
  const [results, setResults] = useState<ReplayResult[]>(replayResults);

  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', data: await listMySessions() });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '活动加载失败，请重试') });
    }
  }, []);

  useEffect(
    () =>
      onQueueChange(() => {
        setPending(queuedScans().length);
        setResults(replayResults());
      }),
    [],
  );

  // Opening the section (or coming back to it) sends saved scans first, so the list shows their result.
  const refreshing = useRef<Promise<void> | null>(null);
  const refresh = useCallback(() => {
    refreshing.current ??= replayQueue()
      .then(load)
      .finally(() => {
        refreshing.current = null;
      });
  }, [load]);
  useDidShow(refresh);
  useEffect(refresh, [refresh]);

  return (
    <View data-testid='section-signIn'>
      <View className='card scan-card'>
        {scanner ? (
          <Button className='btn' data-testid='scan-button' onClick={() => void scanAndOpen()}>
            扫一扫签到
          </Button>
        ) : (
          <View data-testid='scan-hint'>
            <Text className='scan-card__title'>扫码签到</Text>
            <Text className='muted'>请用手机相机或微信「扫一扫」扫描活动现场大屏上的签到二维码，打开后会自动签到。</Text>
          </View>
        )}
        {pending > 0 ? (
          <Text className='scan-card__pending' data-testid='queue-pending'>
            {pending} 条签到已保存，联网后自动提交
          </Text>
        ) : null}
      </View>

      {results.length > 0 ? (
        <View>
          <Text className='section-title'>补交结果</Text>
          <View className='card' data-testid='replay-results'>
            {results.map((r) => (
              <View key={`${r.sessionId}-${r.purpose}-${r.at}`} className='replay-row'>
                <Text className={`badge badge--${r.ok ? 'ok' : 'bad'}`}>{r.ok ? '已提交' : '未成功'}</Text>
                <View className='replay-row__main'>
                  <Text className='replay-row__message'>{r.message}</Text>
                  <Text className='muted'>扫码时间 {formatDateTime(r.scannedAt)}</Text>
                </View>
              </View>
            ))}
            <Button className='btn btn--secondary btn--small' onClick={clearReplayResults}>
              知道了
            </Button>
          </View>
        </View>
      ) : null}

      <PendingReflections />
      <Text className='section-title'>我的活动</Text>
      <View data-testid='my-sessions'>
        {state.kind === 'loading' ? (
          <View className='card'>
            <Text className='loading-text'>正在加载活动…</Text>
          </View>
        ) : null}
        {state.kind === 'failed' ? (
          <LoadFailed title='活动加载失败' message={state.message} onRetry={() => void load()} testId='my-sessions-error' />
        ) : null}
        {state.kind === 'ready' ? <SessionList data={state.data} /> : null}
      </View>
    </View>
  );
}

function SessionList({ data }: { data: MySessions }) {
  if (data.upcoming.length === 0 && data.past.length === 0) {
    return (
      <View className='card' data-testid='my-sessions-empty'>
        <EmptyState title='暂无活动' hint='校联体发布面向你的教研活动后会显示在这里，到场后扫描现场二维码即可签到。' />
      </View>
    );
  }
  return (
    <View>
      {data.upcoming.map((item) => (
        <SessionRow key={item.session.id} item={item} />
      ))}
      {data.past.length > 0 ? <Text className='section-title'>已结束</Text> : null}
      {data.past.map((item) => (
        <SessionRow key={item.session.id} item={item} />
      ))}
    </View>
  );
}

export function SessionRow({ item }: { item: Item }) {
  const { session, mine } = item;
  const badge = session.status === 'cancelled' ? { label: '已取消', tone: 'bad' as const } : myStatusBadge(mine);
  const open = () => void Taro.navigateTo({ url: `/packages/signin/session/index?id=${encodeURIComponent(session.id)}` });
  return (
    <View className='card session-row' hoverClass='tile--pressed' data-testid={`my-session-${session.id}`} onClick={open}>
      <View className='session-row__top'>
        <Text className='tag'>{SESSION_KIND_LABELS[session.kind]}</Text>
        <Text className={`badge badge--${badge.tone}`} data-testid='my-session-status'>
          {badge.label}
        </Text>
      </View>
      <Text className='session-row__title'>{session.title}</Text>
      <Text className='session-row__meta'>{formatRange(session.startAt, session.endAt)}</Text>
      <Text className='session-row__meta'>{session.mode === 'online' ? '线上活动' : (session.venue?.name ?? '')}</Text>
    </View>
  );
}
