import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ArchiveObservations } from '@lianyan/shared';
import { LoadFailed } from '@/components/LoadFailed';
import { getArchiveObservations } from '@/services/observations';
import { errorMessage } from '@/utils/labels';
import { formatDay } from '@/utils/time';
import { FEEDBACK_SHOWN, feedbackTitle, figureGroups } from './observation-figures';
import './observation-figures.scss';

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; figures: ArchiveObservations };

/** 听评课反馈: dimension means by semester as bars, and the feedback received (a teacher's own, or one an admin opened). */
export function ObservationFigures({ userId }: { userId?: string | undefined }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [all, setAll] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ kind: 'loading' });
    getArchiveObservations(userId)
      .then((figures) => current && setState({ kind: 'ready', figures }))
      .catch((error: unknown) => current && setState({ kind: 'failed', message: errorMessage(error, '听评课反馈加载失败，请重试') }));
    return () => {
      current = false;
    };
  }, [userId, attempt]);

  if (state.kind === 'loading') return <Text className='loading-text'>正在加载听评课反馈…</Text>;
  if (state.kind === 'failed') return <LoadFailed title='听评课反馈加载失败' message={state.message} onRetry={() => setAttempt((n) => n + 1)} testId='obs-figures-error' />;
  const { figures } = state;
  const feedback = all ? figures.feedback : figures.feedback.slice(0, FEEDBACK_SHOWN);
  return (
    <View className='card obs-figures' data-testid='obs-figures'>
      <Text className='card__title'>听评课反馈（被听课 {figures.count} 节）</Text>
      {figures.count === 0 ? <Text className='muted'>还没有人听过这位老师的课；推门听课提交后，评分和反馈会出现在这里</Text> : null}
      {figureGroups(figures).map((group) => (
        <View key={group.key} className='obs-figures__group' data-testid={`obs-group-${group.key}`}>
          <Text className='obs-figures__title'>{group.title}</Text>
          <Text className='muted obs-figures__hint'>{group.hint}</Text>
          {group.bars.map((bar) => (
            <View key={bar.name} className='obs-figures__bar'>
              <Text className='obs-figures__name'>{bar.name}</Text>
              <View className='obs-figures__track'>
                <View className='obs-figures__fill' style={{ width: `${bar.score}%` }} />
              </View>
              <Text className='obs-figures__score'>{bar.score}</Text>
            </View>
          ))}
        </View>
      ))}
      {feedback.map((f) => (
        <View key={f.id} className='obs-figures__feedback' data-testid={`obs-feedback-${f.id}`}>
          <Text className='obs-figures__who'>{feedbackTitle(f)}</Text>
          <Text className='muted'>{formatDay(f.startedAt)}</Text>
          {f.strengths ? <Text className='obs-figures__text'>亮点：{f.strengths}</Text> : null}
          {f.suggestions ? <Text className='obs-figures__text'>建议：{f.suggestions}</Text> : null}
          {f.reflection ? <Text className='obs-figures__text'>反思：{f.reflection}</Text> : null}
        </View>
      ))}
      {figures.feedback.length > FEEDBACK_SHOWN && !all ? (
        <Text className='obs-figures__more' onClick={() => setAll(true)}>
          展开全部 {figures.feedback.length} 条反馈
        </Text>
      ) : null}
    </View>
  );
}
