import { View } from '@tarojs/components';
import { EmptyState } from '../../../components/EmptyState';

export function CheckInSection() {
  return (
    <View className='card' data-testid='section-checkIn'>
      <EmptyState title='暂无打卡任务' hint='学校发布读书打卡、师德学习等任务后，可在这里按期打卡。' />
    </View>
  );
}

export function ArchiveSection() {
  return (
    <View className='card' data-testid='section-archive'>
      <EmptyState title='档案暂无记录' hint='参加教研活动、提交听课记录后，学时和成长记录会汇总到这里。' />
    </View>
  );
}
