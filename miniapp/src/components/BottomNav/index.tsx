import { Text, View } from '@tarojs/components';
import './index.scss';

export interface NavItem<K extends string> {
  key: K;
  label: string;
}

interface BottomNavProps<K extends string> {
  items: readonly NavItem<K>[];
  current: K;
  onChange: (key: K) => void;
}

export function BottomNav<K extends string>({ items, current, onChange }: BottomNavProps<K>) {
  return (
    <View className='bottom-nav' data-testid='bottom-nav'>
      {items.map((item) => (
        <View
          key={item.key}
          className={`bottom-nav__item${item.key === current ? ' bottom-nav__item--active' : ''}`}
          data-testid={`nav-${item.key}`}
          onClick={() => onChange(item.key)}
        >
          <View className='bottom-nav__dot' />
          <Text className='bottom-nav__label'>{item.label}</Text>
        </View>
      ))}
    </View>
  );
}
