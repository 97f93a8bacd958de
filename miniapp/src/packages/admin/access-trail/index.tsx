import { useEffect, useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import type { AccessTrailEntry } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { listAccessTrail } from '@/services/privacy';
import { errorMessage } from '@/utils/labels';
import { rangeError, trailRow } from './model';
import './index.scss';

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; items: AccessTrailEntry[]; cursor?: string | undefined; more: boolean };

const day = (offsetDays: number) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** 管理 → 访问记录: who viewed or exported other people's personal data (kept 180 days). */
export default function AccessTrailPage() {
  const [from, setFrom] = useState(day(-30));
  const [to, setTo] = useState(day(0));
  const [state, setState] = useState<State>({ kind: 'loading' });
  const invalid = rangeError(from, to);

  const load = async (cursor?: string) => {
    if (invalid) return;
    if (!cursor) setState({ kind: 'loading' });
    try {
      const page = await listAccessTrail({ from, to, ...(cursor ? { cursor } : {}) });
      setState((prev) => ({
        kind: 'ready',
        items: [...(cursor && prev.kind === 'ready' ? prev.items : []), ...page.items],
        cursor: page.nextCursor,
        more: Boolean(page.nextCursor),
      }));
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '加载失败，请检查网络后重试') });
    }
  };
  useEffect(() => {
    void load();
  }, [from, to]);

  return (
    <View className='trail-page' data-testid='trail-page'>
      <View className='card'>
        <Text className='muted trail-page__hint'>管理员查看或导出他人个人信息（名册、家长名单、档案、签到表）的记录，保留 180 天。</Text>
        <View className='row'>
          <Picker mode='date' value={from} onChange={(e) => setFrom(String(e.detail.value))}>
            <View className='picker-value' data-testid='trail-from'>
              {from}
            </View>
          </Picker>
          <Text className='trail-page__dash'>至</Text>
          <Picker mode='date' value={to} onChange={(e) => setTo(String(e.detail.value))}>
            <View className='picker-value' data-testid='trail-to'>
              {to}
            </View>
          </Picker>
        </View>
        {invalid ? <Text className='error-text'>{invalid}</Text> : null}
      </View>
      {state.kind === 'loading' ? <Text className='loading-text'>正在加载…</Text> : null}
      {state.kind === 'failed' ? <LoadFailed title='无法加载访问记录' message={state.message} onRetry={() => void load()} testId='trail-error' /> : null}
      {state.kind === 'ready' && state.items.length === 0 ? (
        <View className='card'>
          <EmptyState title='这段时间没有访问记录' hint='管理员查看或导出他人个人信息时会记录在这里。' />
        </View>
      ) : null}
      {state.kind === 'ready' && state.items.length ? (
        <View className='card' data-testid='trail-list'>
          {state.items.map((entry) => {
            const row = trailRow(entry);
            return (
              <View key={entry.id} className='trail-row' data-testid='trail-row' data-kind={entry.kind}>
                <Text className='trail-row__what'>{row.what}</Text>
                <Text className='trail-row__meta'>
                  {row.when} · {row.who} · {row.scope}
                </Text>
              </View>
            );
          })}
          {state.more ? (
            <Button className='btn btn--secondary' data-testid='trail-more' onClick={() => void load(state.cursor)}>
              加载更多
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
