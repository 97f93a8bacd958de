import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

interface BottomSheetProps {
  title: string;
  /** A line under the title: whom or what the sheet is about. */
  sub?: string;
  testId: string;
  /** A tap on the dimmed page around the panel. */
  onClose: () => void;
  children: ReactNode;
}

/** A panel from the bottom of the screen over a dimmed page (styles: `.sheet` of styles/_forms.scss). */
export function BottomSheet({ title, sub, testId, onClose, children }: BottomSheetProps) {
  return (
    <View className='sheet' data-testid={testId} onClick={onClose}>
      <View className='sheet__panel' onClick={(e) => e.stopPropagation()}>
        <Text className='sheet__title'>{title}</Text>
        {sub ? <Text className='sheet__sub'>{sub}</Text> : null}
        {children}
      </View>
    </View>
  );
}
