import { Text, View } from '@tarojs/components';
import type { Detail } from './model';

/** Label–value lines of an entry; long text under its label. */
export function Details({ lines }: { lines: readonly Detail[] }) {
  if (lines.length === 0) return null;
  return (
    <View className='entry-details'>
      {lines.map((line) =>
        line.long ? (
          <View key={line.label} className='entry-details__block'>
            <Text className='entry-details__label'>{line.label}</Text>
            <Text className='entry-details__text'>{line.value}</Text>
          </View>
        ) : (
          <View key={line.label} className='entry-details__row'>
            <Text className='entry-details__label'>{line.label}</Text>
            <Text className='entry-details__value'>{line.value}</Text>
          </View>
        ),
      )}
    </View>
  );
}
