import { View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';

export function CheckInSection() {
  return (
    <View className='card' data-testid='section-checkIn'>
      <EmptyState title='暂无打卡任务' hint='学校发布读书打卡、师德学习等任务后，可在这里按期打卡。' />
    </View>
  );
}
