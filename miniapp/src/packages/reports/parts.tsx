import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

// The report page's building blocks: a titled card, a figure and a horizontal bar.

export function Card({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <View className='card' data-testid={testId}>
      <Text className='card__title'>{title}</Text>
      {children}
    </View>
  );
}

export function Figure({ label, value, hint, testId }: { label: string; value: string; hint?: string | undefined; testId?: string }) {
  return (
    <View className='rp-figure' data-testid={testId}>
      <Text className='rp-figure__value'>{value}</Text>
      <Text className='rp-figure__label'>{label}</Text>
      {hint ? <Text className='rp-figure__hint'>{hint}</Text> : null}
    </View>
  );
}

/** A horizontal bar: the label, the track with its fill, and the value. */
export function Bar({ label, value, width, tone = 'primary', tag, testId, onClick }: {
  label: string;
  value: string;
  width: number;
  tone?: 'primary' | 'accent' | 'warn';
  tag?: string | undefined;
  testId?: string;
  onClick?: () => void;
}) {
  return (
    <View className='rp-bar' data-testid={testId} onClick={onClick}>
      <View className='rp-bar__head'>
        <Text className='rp-bar__label'>{label}</Text>
        {tag ? <Text className='tag rp-bar__tag'>{tag}</Text> : null}
        <Text className='rp-bar__value'>{value}</Text>
      </View>
      <View className='rp-bar__track'>
        <View className={`rp-bar__fill rp-bar__fill--${tone}`} style={{ width: `${width}%` }} />
      </View>
    </View>
  );
}
