import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { getSetupStatus } from '@/services/setup-status';
import { errorMessage } from '@/utils/labels';
import { setupSummary, type SetupSummary } from './setup-model';

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; summary: SetupSummary };

/** 建设情况: the district admin's home shows what is set up and what is missing, each gap with where to fix it. */
export function SetupStatusCard() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    getSetupStatus().then(
      (status) => live && setState({ kind: 'ready', summary: setupSummary(status) }),
      (error: unknown) => live && setState({ kind: 'failed', message: errorMessage(error, '建设情况加载失败') }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  if (state.kind === 'loading') {
    return (
      <View className='card'>
        <Text className='loading-text'>正在加载建设情况…</Text>
      </View>
    );
  }
  if (state.kind === 'failed') {
    return (
      <View className='card' data-testid='setup-status-error'>
        <Text className='card__title'>建设情况</Text>
        <Text className='muted'>{state.message}</Text>
        <Button className='btn btn--secondary btn--small' onClick={() => setAttempt((n) => n + 1)}>
          重试
        </Button>
      </View>
    );
  }
  const { summary } = state;
  return (
    <View className={`card setup-status${summary.missing.length ? ' setup-status--open' : ''}`} data-testid='setup-status'>
      <Text className='card__title'>{summary.missing.length ? `建设情况：还有 ${summary.missing.length} 项待完成` : '建设情况：已全部完成'}</Text>
      <Text className='muted' data-testid='setup-status-figures'>
        {summary.federations} 个校联体 · {summary.schools} 所学校 · 教师 {summary.teachers.active} 人已登录、{summary.teachers.invited} 人待登录 · {summary.groups} 个中心教研组 ·{' '}
        {summary.classes} 个班级
      </Text>
      {summary.missing.map((item) => (
        <View key={item.key} className='setup-status__gap' data-testid={`setup-gap-${item.key}`}>
          <Text className='setup-status__text'>{item.text}</Text>
          <Button className='btn btn--secondary btn--small setup-status__fix' onClick={() => void Taro.navigateTo({ url: item.url })}>
            {item.action}
          </Button>
        </View>
      ))}
    </View>
  );
}
