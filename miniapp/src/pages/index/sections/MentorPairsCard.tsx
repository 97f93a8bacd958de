import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PAIR_RATING_LABELS, type MyMentorPairs } from '@lianyan/shared';
import { listMyMentorPairs } from '@/services/mentor-pairs';
import { errorMessage } from '@/utils/labels';

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; items: MyMentorPairs['items'] };

/** 我的 → 师徒结对: the teacher's pairs (带徒 / 拜师); a tap opens the pair page, where both add logs. */
export function MentorPairsCard() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = () => {
    setState({ kind: 'loading' });
    listMyMentorPairs().then(
      (mine) => setState({ kind: 'ready', items: mine.items }),
      (error: unknown) => setState({ kind: 'failed', message: errorMessage(error, '师徒结对加载失败') }),
    );
  };
  useEffect(load, []);
  if (state.kind === 'ready' && state.items.length === 0) return null;
  return (
    <View>
      <Text className='section-title'>师徒结对</Text>
      <View className='card profile' data-testid='mine-pairs'>
        {state.kind === 'loading' ? <Text className='muted'>正在加载…</Text> : null}
        {state.kind === 'failed' ? (
          <Text className='muted' onClick={load}>
            {state.message}，点此重试
          </Text>
        ) : null}
        {state.kind === 'ready'
          ? state.items.map((pair) => (
              <View
                key={pair.id}
                className='profile__row'
                data-testid={`mine-pair-${pair.id}`}
                onClick={() => void Taro.navigateTo({ url: `/packages/archive/pair/index?id=${encodeURIComponent(pair.id)}` })}
              >
                <Text>{pair.role === 'mentor' ? `带徒：${pair.mentee.name}` : `拜师：${pair.mentor.name}`}</Text>
                <Text className='profile__value'>
                  {pair.subject} · {pair.schoolYear}
                  {pair.evaluation ? ` · ${PAIR_RATING_LABELS[pair.evaluation.rating]}` : ''} ›
                </Text>
              </View>
            ))
          : null}
      </View>
    </View>
  );
}
