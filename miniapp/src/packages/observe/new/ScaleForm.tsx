import { Text, View } from '@tarojs/components';
import type { CreateObservationRequest, ObservationScale } from '@lianyan/shared';
import { scoreChoices, scoreOf, scoredCount } from './model';

/** The whole scale on one screen: each item a row of large score buttons. */
export function ScaleForm({ scale, draft, onScore }: { scale: ObservationScale; draft: CreateObservationRequest; onScore: (item: string, score: number) => void }) {
  const choices = scoreChoices(scale.scoreRange);
  const { done, all } = scoredCount(draft, scale);
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
            const current = scoreOf(draft, item.id);
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
