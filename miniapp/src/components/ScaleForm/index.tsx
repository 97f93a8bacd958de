import { Text, View } from '@tarojs/components';
import type { ObservationScale } from '@lianyan/shared';
import { scoreChoices, scoreOf, scoredCount, type ScaleScores } from './scores';
import './index.scss';

/** The whole scale on one screen: each item a row of large score buttons (walk-in 听课 and a session's 评课). */
export function ScaleForm({ scale, scores, onScore }: { scale: ObservationScale; scores: ScaleScores; onScore: (item: string, score: number) => void }) {
  const choices = scoreChoices(scale.scoreRange);
  const { done, all } = scoredCount(scores, scale);
  return (
    <View className='card' data-testid='observe-scale'>
      <Text className='card__title'>
        {scale.name}（已评 {done}/{all}）
      </Text>
      {scale.dimensions.map((dimension) => (
        <View key={dimension.name} className='scale-dimension'>
          <Text className='scale-dimension__name'>
            {dimension.name} <Text className='muted'>权重 {dimension.weight}</Text>
          </Text>
          {dimension.items.map((item) => {
            const current = scoreOf(scores, item.id);
            return (
              <View key={item.id} className='scale-item'>
                <Text className='scale-item__label'>{item.label}</Text>
                <View className='scale-item__scores'>
                  {choices.map((score) => (
                    <View
                      key={score}
                      className={`score-button${current === score ? ' score-button--on' : ''}`}
                      data-testid={`score-${item.id}-${score}`}
                      onClick={() => onScore(item.id, score)}
                    >
                      <Text>{score}</Text>
                    </View>
                  ))}
                </View>
              </View>
            );
          })}
        </View>
      ))}
    </View>
  );
}
