import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { GroupList } from '@lianyan/shared';
import { Choices } from '@/components/FormField';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { useSessionUser } from '@/hooks/useSessionUser';
import { listFederations } from '@/services/federations';
import { listGroups } from '@/services/groups';
import { errorMessage } from '@/utils/labels';
import { federationChoices, managesGroups } from './model';
import { NewGroup } from './NewGroup';
import './index.scss';

type LoadState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; federations: Array<{ value: string; label: string }>; federationId: string; groups: GroupList['items'] };

const openGroup = (id: string) => void Taro.navigateTo({ url: `/packages/admin/groups/detail?id=${encodeURIComponent(id)}` });

/** 中心教研组: a federation's research groups; its admins create them here. */
export default function GroupsPage() {
  const user = useSessionUser();
  const [state, setState] = useState<LoadState>({ kind: 'loading' });

  const load = useCallback(
    async (federationId?: string) => {
      if (!user) return;
      setState({ kind: 'loading' });
      try {
        const federations = federationChoices(user, (await listFederations()).items);
        const chosen = federationId ?? federations[0]?.value ?? '';
        const groups = chosen ? (await listGroups(chosen)).items : [];
        setState({ kind: 'ready', federations, federationId: chosen, groups });
      } catch (error) {
        setState({ kind: 'failed', message: errorMessage(error, '教研组加载失败，请重试') });
      }
    },
    [user],
  );

  // Back from a group's page: its leader or members may have changed.
  useDidShow(() => {
    void load(state.kind === 'ready' ? state.federationId : undefined);
  });

  if (!user) {
    return (
      <View className='groups-page'>
        <View className='card'>
          <EmptyState title='请先登录' hint='登录后才能查看中心教研组。' />
        </View>
      </View>
    );
  }

  return (
    <View className='groups-page' data-testid='groups-page'>
      {state.kind === 'loading' ? <Text className='loading-text'>正在加载…</Text> : null}
      {state.kind === 'failed' ? <LoadFailed title='无法加载中心教研组' message={state.message} onRetry={() => void load()} testId='groups-error' /> : null}
      {state.kind === 'ready' && state.federations.length === 0 ? (
        <View className='card'>
          <EmptyState title='还没有校联体' hint='请先在「组织架构」中新建校联体和学校。' />
        </View>
      ) : null}
      {state.kind === 'ready' && state.federations.length > 0 ? (
        <>
          {state.federations.length > 1 ? (
            <View className='card'>
              <Text className='card__title'>校联体</Text>
              <Choices name='groups-federation' options={state.federations} selected={state.federationId} onSelect={(id) => void load(id)} />
            </View>
          ) : null}
          {managesGroups(user, state.federationId) ? <NewGroup federationId={state.federationId} onCreated={(detail) => openGroup(detail.group.id)} /> : null}
          <View className='card' data-testid='groups-list'>
            <Text className='card__title'>教研组（{state.groups.length}）</Text>
            {state.groups.length === 0 ? <EmptyState title='还没有中心教研组' hint='按年级和学科建立，例如「四年级语文」，再指定组长。' /> : null}
            {state.groups.map((g) => (
              <View key={g.id} className='group-row' hoverClass='group-row--pressed' data-testid={`group-${g.id}`} onClick={() => openGroup(g.id)}>
                <View className='group-row__main'>
                  <Text className='group-row__name'>{g.name}</Text>
                  <Text className='muted'>
                    {g.grade} · {g.subject} · {g.memberCount} 人
                  </Text>
                </View>
                {g.leaderName ? <Text className='badge badge--info'>组长 {g.leaderName}</Text> : <Text className='badge badge--warn'>未设组长</Text>}
              </View>
            ))}
          </View>
        </>
      ) : null}
    </View>
  );
}
