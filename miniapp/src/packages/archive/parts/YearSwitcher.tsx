import { Text, View } from '@tarojs/components';
import { shiftYear, yearLabel } from './model';

interface YearSwitcherProps {
  year: string;
  /** The latest year that can be chosen (the current school year). */
  latest: string;
  onChange: (year: string) => void;
}

export function YearSwitcher({ year, latest, onChange }: YearSwitcherProps) {
  const canGoOn = year < latest;
  return (
    <View className='year-switcher' data-testid='year-switcher'>
      <Text className='year-switcher__arrow' data-testid='year-prev' onClick={() => onChange(shiftYear(year, -1))}>
        ‹
      </Text>
      <Text className='year-switcher__label' data-testid='year-label'>
        {yearLabel(year)}
      </Text>
      <Text
        className={`year-switcher__arrow${canGoOn ? '' : ' year-switcher__arrow--off'}`}
        data-testid='year-next'
        onClick={() => canGoOn && onChange(shiftYear(year, 1))}
      >
        ›
      </Text>
    </View>
  );
}
