import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { PendingReflection } from '@lianyan/shared';
import { listMyPendingReflections } from '@/services/records';
import { formatDateTime } from '@/utils/time';

const REFLECTION_PAGE = '/packages/records/reflection/index';

/** 待提交心得: shown only when something is asked for; a failed load hides it (the sessions list says what failed). */
export function PendingReflections() {
  const [items, setItems] = useState<PendingReflection[]>([]);
  const load = useCallback(async () => {
    try {
      setItems((await listMyPendingReflections()).items);
    } catch {
      setItems([]);
    }
  }, []);
  useDidShow(() => void load());
  useEffect(() => void load(), [load]);

  if (!items.length) return null;
  return (
    <View data-testid='pending-reflections'>
      <Text className='section-title'>待提交心得</Text>
      {items.map((item) => (
        <View
          key={item.sessionId}
          className='card session-row'
          hoverClass='tile--pressed'
          data-testid={`pending-reflection-${item.sessionId}`}
          onClick={() =>
            void Taro.navigateTo({ url: `${REFLECTION_PAGE}?id=${encodeURIComponent(item.sessionId)}&title=${encodeURIComponent(item.title)}` })
          }
        >
          <Text className='session-row__title'>{item.title}</Text>
          <Text className='session-row__meta'>
            {item.overdue ? '已过截止时间，提交将标记为逾期' : `截止 ${formatDateTime(item.deadline)}`}
            {item.draft ? ' · 有草稿' : ''}
            {item.minLength > 0 ? ` · 至少 ${item.minLength} 字` : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}
