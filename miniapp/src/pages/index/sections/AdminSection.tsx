import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

const ENTRIES = [
  { key: 'sessions', title: '活动管理', hint: '发布教研活动，查看实时签到', url: '/packages/organizer/sessions/index' },
  { key: 'new', title: '新建活动', hint: '填写时间、地点和参与范围', url: '/packages/organizer/edit/index' },
];

export function AdminSection() {
  return (
    <View data-testid='section-admin'>
      <View className='tiles'>
        {ENTRIES.map((entry) => (
          <View
            key={entry.key}
            className='tile'
            hoverClass='tile--pressed'
            data-testid={`admin-${entry.key}`}
            onClick={() => void Taro.navigateTo({ url: entry.url })}
          >
            <Text className='tile__name'>{entry.title}</Text>
            <Text className='tile__hint'>{entry.hint}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
