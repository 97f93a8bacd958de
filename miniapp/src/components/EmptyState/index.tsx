import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

interface EmptyStateProps {
  title: string;
  hint: string;
  action?: ReactNode;
}

export function EmptyState({ title, hint, action }: EmptyStateProps) {
  return (
    <View className='empty-state'>
      <View className='empty-state__icon'>
        <View className='empty-state__icon-line' />
        <View className='empty-state__icon-line empty-state__icon-line--short' />
      </View>
      <Text className='empty-state__title'>{title}</Text>
      <Text className='empty-state__hint'>{hint}</Text>
      {action ? <View className='empty-state__action'>{action}</View> : null}
    </View>
  );
}
