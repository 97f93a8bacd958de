import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import { MENTOR_LOG_KIND_LABELS, PAIR_ROLE_LABELS, type MentorPairDetail } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { getMentorPair } from '@/services/mentor-pairs';
import { errorMessage } from '@/utils/labels';
import { safeDecode } from '@/utils/links';
import { EvidenceFiles } from '../parts/EvidenceFiles';
import { EvaluationForm, LogForm } from './forms';
import { evaluationLine, observationLine, sideLine } from './model';
import '../parts/archive.scss';
import './index.scss';

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; pair: MentorPairDetail };

/** A mentor pair: both sides, the logs with photos, the observations between them, and the yearly evaluation. */
export default function PairPage() {
  const { params } = useRouter();
  const id = params.id ? safeDecode(params.id) : '';
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async () => {
    if (!id) return;
    try {
      setState({ kind: 'ready', pair: await getMentorPair(id) });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '师徒结对加载失败，请重试') });
    }
  }, [id]);
  useLoad(() => void load());

  if (!id) {
    return (
      <View className='pair-page'>
        <View className='card'>
          <EmptyState title='没有指定师徒结对' hint='请从「我的」或「管理 → 师徒结对」进入。' />
        </View>
      </View>
    );
  }
  if (state.kind === 'loading') {
    return (
      <View className='pair-page'>
        <Text className='loading-text'>正在加载…</Text>
      </View>
    );
  }
  if (state.kind === 'failed') {
    return (
      <View className='pair-page'>
        <LoadFailed title='无法加载师徒结对' message={state.message} onRetry={() => void load()} testId='pair-error' />
      </View>
    );
  }

  const { pair } = state;
  return (
    <View className='pair-page' data-testid='pair-page'>
      <View className='card'>
        <Text className='card__title' data-testid='pair-title'>
          {pair.subject} · {pair.schoolYear} 学年
        </Text>
        <Text className='pair-line' data-testid='pair-mentor'>
          {sideLine(pair, 'mentor')}
        </Text>
        <Text className='pair-line' data-testid='pair-mentee'>
          {sideLine(pair, 'mentee')}
        </Text>
        {pair.goals ? <Text className='muted pair-line'>结对目标：{pair.goals}</Text> : null}
        <Text className={`pair-line${pair.evaluation ? '' : ' muted'}`} data-testid='pair-evaluation'>
          {evaluationLine(pair)}
        </Text>
        {pair.evaluation ? <Text className='muted pair-line'>{pair.evaluation.comment}</Text> : null}
      </View>

      <Text className='section-title'>互相听课（{pair.observations.length}）</Text>
      <View className='card' data-testid='pair-observations'>
        {pair.observations.length === 0 ? <Text className='muted'>本学年还没有师徒互相听课的签到记录。参加对方授课的听评课、示范课并签到后会自动记入。</Text> : null}
        {pair.observations.map((o) => (
          <View key={o.sessionId} className='pair-row' data-testid='pair-observation'>
            <Text>{observationLine(o)}</Text>
            <Text className='muted'>{o.date}</Text>
          </View>
        ))}
      </View>

      {pair.canLog ? <LogForm pairId={pair.id} onSaved={() => void load()} /> : null}

      <Text className='section-title'>结对记录（{pair.logs.length}）</Text>
      {pair.logs.length === 0 ? (
        <View className='card'>
          <EmptyState title='还没有结对记录' hint={pair.canLog ? '在上方添加一次指导、备课或听课记录。' : '师傅和徒弟在「我的 → 师徒结对」中添加记录。'} />
        </View>
      ) : (
        pair.logs.map((log) => (
          <View key={log.id} className='card' data-testid='pair-log'>
            <View className='pair-row'>
              <Text className='pair-log__kind'>{MENTOR_LOG_KIND_LABELS[log.kind]}</Text>
              <Text className='muted'>
                {log.date} · {PAIR_ROLE_LABELS[log.authorRole]} {log.authorName}
              </Text>
            </View>
            <Text className='pair-log__text'>{log.text}</Text>
            <EvidenceFiles files={log.files} testId='pair-log-files' />
          </View>
        ))
      )}

      {pair.canEvaluate ? <EvaluationForm pairId={pair.id} onSaved={() => void load()} /> : null}
    </View>
  );
}
