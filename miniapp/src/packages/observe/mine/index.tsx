import { useCallback, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { Observation } from '@lianyan/shared';
import { CharCounter, Choices } from '@/components/FormField';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { requestReminderConsent } from '@/platform/subscribe';
import { acknowledgeObservation, listObservations } from '@/services/observations';
import { errorMessage } from '@/utils/labels';
import { TABS, lessonLine, ordered, pendingCount, type Tab } from './model';
import './index.scss';

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; items: Observation[] };

/** 我的听课: the feedback I received (read, acknowledge, reflect) and the lessons I observed. */
export default function MyObservationsPage() {
  const [tab, setTab] = useState<Tab>('received');
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [reflections, setReflections] = useState<Record<string, string>>({});
  const [error, setError] = useState('');

  const load = useCallback(async (which: Tab) => {
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'ready', items: (await listObservations(which === 'received' ? 'teacher' : 'observer')).items });
    } catch (e) {
      setState({ kind: 'failed', message: errorMessage(e, '听课记录加载失败，请重试') });
    }
  }, []);
  useDidShow(() => void load(tab));

  const acknowledge = async (o: Observation) => {
    setError('');
    // WeChat sends a subscribe message only after a consent per message: asked on this tap, for the next 听课反馈 notice.
    await requestReminderConsent();
    try {
      const done = await acknowledgeObservation(o.id, reflections[o.id] ?? '');
      setState((s) => (s.kind === 'ready' ? { kind: 'ready', items: s.items.map((i) => (i.id === done.id ? done : i)) } : s));
    } catch (e) {
      setError(errorMessage(e, '确认失败，请稍后重试'));
    }
  };

  return (
    <View className='observe-mine' data-testid='observe-mine-page'>
      <View className='card'>
        <Choices name='observe-tab' options={TABS} selected={tab} onSelect={(t) => { setTab(t); void load(t); }} />
        {state.kind === 'ready' && tab === 'received' && pendingCount(state.items) ? <Text className='muted'>{pendingCount(state.items)} 条反馈待确认</Text> : null}
      </View>
      {state.kind === 'loading' ? <Text className='loading-text'>正在加载…</Text> : null}
      {state.kind === 'failed' ? <LoadFailed title='无法加载听课记录' message={state.message} onRetry={() => void load(tab)} testId='observe-mine-error' /> : null}
      {state.kind === 'ready' ? (
        <View className='card'>
          {state.items.length === 0 ? <EmptyState title={tab === 'received' ? '还没有人听过你的课' : '你还没有听课记录'} hint={tab === 'received' ? '有人听课并提交评课后，反馈会显示在这里。' : '在首页点「听课」，进入课堂即可记录。'} /> : null}
          {ordered(state.items, tab).map((o) => (
            <View key={o.id} className='lesson' data-testid={`lesson-${o.id}`}>
              <Text className='lesson__title'>{lessonLine(o, tab)}</Text>
              <Text className='lesson__text'>
                总分 {o.total} · {o.dimensions.map((d) => `${d.name} ${d.average}`).join('，')}
              </Text>
              {o.strengths ? <Text className='lesson__text'>亮点：{o.strengths}</Text> : null}
              {o.suggestions ? <Text className='lesson__text'>建议：{o.suggestions}</Text> : null}
              {o.reflection ? <Text className='lesson__text'>我的反思：{o.reflection}</Text> : null}
              {o.acknowledgedAt ? <Text className='muted'>已确认反馈</Text> : null}
              {tab === 'received' && !o.acknowledgedAt ? (
                <View>
                  <Textarea className='lesson-reflection' data-testid={`reflection-${o.id}`} maxlength={2000} placeholder='写下教学反思（选填）' value={reflections[o.id] ?? ''} onInput={(e) => setReflections({ ...reflections, [o.id]: e.detail.value })} />
                  <CharCounter value={reflections[o.id] ?? ''} max={2000} testId={`reflection-${o.id}`} />
                  <Button className='btn' data-testid={`acknowledge-${o.id}`} onClick={() => void acknowledge(o)}>
                    确认已阅
                  </Button>
                </View>
              ) : null}
            </View>
          ))}
          {error ? <Text className='error-text'>{error}</Text> : null}
        </View>
      ) : null}
    </View>
  );
}
