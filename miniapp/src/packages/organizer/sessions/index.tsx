import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { SESSION_KIND_LABELS, type Session } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { listSessions } from '@/services/sessions';
import { errorMessage, SESSION_STATUS_BADGES } from '@/utils/labels';
import { formatRange } from '@/utils/time';
import './index.scss';
import { LoadFailed } from '@/components/LoadFailed';

type LoadState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; upcoming: Session[]; past: Session[] };

const openNew = () => void Taro.navigateTo({ url: '/packages/organizer/edit/index' });

export default function OrganizerSessionsPage() {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });

  const load = useCallback(async () => {
    try {
      const { items } = await listSessions();
      const now = Date.now();
      setState({
        kind: 'ready',
        upcoming: items.filter((s) => Date.parse(s.endAt) >= now).sort((a, b) => a.startAt.localeCompare(b.startAt)),
        past: items.filter((s) => Date.parse(s.endAt) < now).sort((a, b) => b.startAt.localeCompare(a.startAt)),
      });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '活动加载失败，请重试') });
    }
  }, []);

  // Also after coming back from the form or a session, which may have changed.
  useDidShow(() => {
    void load();
  });

  return (
    <View className='org-sessions' data-testid='organizer-sessions'>
      <View className='actions'>
        <Button className='btn' data-testid='organizer-new-session' onClick={openNew}>
          新建活动
        </Button>
      </View>
      {state.kind === 'loading' ? <Text className='loading-text'>正在加载活动…</Text> : null}
      {state.kind === 'failed' ? (
        <LoadFailed title='活动加载失败' message={state.message} onRetry={() => void load()} />
      ) : null}
      {state.kind === 'ready' && state.upcoming.length === 0 && state.past.length === 0 ? (
        <View className='card'>
          <EmptyState title='还没有活动' hint='点击「新建活动」发布第一场教研活动。' />
        </View>
      ) : null}
      {state.kind === 'ready' && state.upcoming.length > 0 ? (
        <View>
          <Text className='section-title'>即将进行</Text>
          {state.upcoming.map((session) => (
            <SessionItem key={session.id} session={session} />
          ))}
        </View>
      ) : null}
      {state.kind === 'ready' && state.past.length > 0 ? (
        <View>
          <Text className='section-title'>已结束</Text>
          {state.past.map((session) => (
            <SessionItem key={session.id} session={session} />
          ))}
        </View>
      ) : null}
    </View>
  );
}

function SessionItem({ session }: { session: Session }) {
  const badge = SESSION_STATUS_BADGES[session.status];
  const open = () => void Taro.navigateTo({ url: `/packages/organizer/roster/index?id=${encodeURIComponent(session.id)}` });
  return (
    <View className='card session-row' hoverClass='org-item--pressed' data-testid={`organizer-session-${session.id}`} onClick={open}>
      <View className='session-row__top'>
        <Text className='tag'>{SESSION_KIND_LABELS[session.kind]}</Text>
        <Text className={`badge badge--${badge.tone}`} data-testid='organizer-session-status'>
          {badge.label}
        </Text>
      </View>
      <Text className='session-row__title'>{session.title}</Text>
      <Text className='session-row__meta'>{formatRange(session.startAt, session.endAt)}</Text>
      <Text className='session-row__meta'>
        {session.mode === 'online' ? '线上活动' : (session.venue?.name ?? '')}
        {session.expectedCount !== undefined ? ` · 面向 ${session.expectedCount} 人` : ''}
      </Text>
    </View>
  );
}
