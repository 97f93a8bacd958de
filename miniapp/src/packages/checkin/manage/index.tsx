import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { shanghaiDay, campaignStatusOf, type Campaign } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { listCampaigns } from '@/services/campaigns';
import { errorMessage } from '@/utils/labels';
import { CHECKIN_PAGES, requirementLine } from '../parts/model';
import '../parts/checkin.scss';

type LoadState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; managed: Campaign[] };
const STATUS_LABELS = { upcoming: '未开始', running: '进行中', ended: '已结束' } as const;

/** The campaigns an organizer or admin manages: open one's completion, or start a new one. */
export default function ManageCampaignsPage() {
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', managed: (await listCampaigns()).managed });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '打卡活动加载失败，请重试') });
    }
  }, []);
  useDidShow(() => void load());
  const today = shanghaiDay(new Date());

  return (
    <View className='checkin-page' data-testid='campaigns-manage'>
      <View className='actions'>
        <Button className='btn' data-testid='campaign-new' onClick={() => void Taro.navigateTo({ url: CHECKIN_PAGES.edit })}>
          发起打卡
        </Button>
      </View>
      {state.kind === 'loading' ? <Text className='loading-text'>正在加载…</Text> : null}
      {state.kind === 'failed' ? <LoadFailed title='打卡活动加载失败' message={state.message} onRetry={() => void load()} /> : null}
      {state.kind === 'ready' && state.managed.length === 0 ? (
        <View className='card'>
          <EmptyState title='还没有打卡活动' hint='发起每月师德学习、读书打卡或家长学校学习打卡，按期统计完成情况。' />
        </View>
      ) : null}
      {state.kind === 'ready'
        ? state.managed.map((c) => (
            <View
              key={c.id}
              className='card campaign-row'
              hoverClass='tile--pressed'
              data-testid={`managed-${c.id}`}
              onClick={() => void Taro.navigateTo({ url: `${CHECKIN_PAGES.completion}?id=${encodeURIComponent(c.id)}` })}
            >
              <View className='campaign-row__head'>
                <Text className='card__title'>{c.title}</Text>
                <Text className='badge badge--info'>{STATUS_LABELS[campaignStatusOf(c, today)]}</Text>
              </View>
              <Text className='muted'>{requirementLine(c)}</Text>
              <Text className='muted'>
                {c.startDate} 至 {c.endDate}
              </Text>
            </View>
          ))
        : null}
    </View>
  );
}
