import { Text } from '@tarojs/components';

/** While a page or a list loads (the browser tests wait for `.loading-text` to go). */
export function Loading({ text = '正在加载…' }: { text?: string }) {
  return <Text className='loading-text'>{text}</Text>;
}
