import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { CAMPAIGN_PERIOD_LABELS, PERIOD_UNIT_LABELS, hasRole, type CampaignCard, type CampaignList, type User } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { listCampaigns } from '@/services/campaigns';
import { errorMessage } from '@/utils/labels';
import { ADMIN_ROLES } from '../navigation';

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; list: CampaignList };

const CAMPAIGN_PAGE = '/packages/checkin/campaign/index';
const MANAGE_PAGE = '/packages/checkin/manage/index';

/** 打卡 on the home page: my campaigns with this period's state and my streak. */
export function CheckInSection({ user }: { user: User }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', list: await listCampaigns() });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '打卡活动加载失败，请重试') });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useDidShow(() => void load());
  const manager = hasRole(user.roles, ADMIN_ROLES);

  return (
    <View data-testid='section-checkIn'>
      {state.kind === 'loading' ? (
        <View className='card'>
          <Text className='loading-text'>正在加载打卡…</Text>
        </View>
      ) : null}
      {state.kind === 'failed' ? <LoadFailed title='打卡活动加载失败' message={state.message} onRetry={() => void load()} testId='checkin-list-error' /> : null}
      {state.kind === 'ready' && state.list.mine.length === 0 ? (
        <View className='card' data-testid='checkin-empty'>
          <EmptyState title='暂无打卡任务' hint='学校发布读书打卡、师德学习等任务后，可在这里按期打卡。' />
        </View>
      ) : null}
      {state.kind === 'ready' ? state.list.mine.map((card) => <CampaignRow key={card.campaign.id} card={card} />) : null}
      {manager ? (
        <View className='actions'>
          <Button className='btn btn--secondary' data-testid='checkin-manage' onClick={() => void Taro.navigateTo({ url: MANAGE_PAGE })}>
            管理打卡活动
          </Button>
        </View>
      ) : null}
    </View>
  );
}

function CampaignRow({ card }: { card: CampaignCard }) {
  const { campaign } = card;
  const badge =
    card.status === 'upcoming'
      ? { label: '未开始', tone: 'muted' }
      : card.status === 'ended'
        ? { label: '已结束', tone: 'muted' }
        : card.checkedInThisPeriod
          ? { label: '本期已打卡', tone: 'ok' }
          : { label: '本期未打卡', tone: 'warn' };
  return (
    <View
      className='card session-row'
      hoverClass='tile--pressed'
      data-testid={`campaign-${campaign.id}`}
      onClick={() => void Taro.navigateTo({ url: `${CAMPAIGN_PAGE}?id=${encodeURIComponent(campaign.id)}` })}
    >
      <View className='session-row__top'>
        <Text className='session-row__title'>{campaign.title}</Text>
        <Text className={`badge badge--${badge.tone}`}>{badge.label}</Text>
      </View>
      <Text className='session-row__meta'>
        {CAMPAIGN_PERIOD_LABELS[campaign.period]}打卡{card.currentLabel ? ` · 本期 ${card.currentLabel}` : ''}
      </Text>
      <Text className='session-row__meta' data-testid={`campaign-streak-${campaign.id}`}>
        已打卡 {card.count}/{card.required} 次 · 连续 {card.streak} {PERIOD_UNIT_LABELS[campaign.period]}
      </Text>
    </View>
  );
}
