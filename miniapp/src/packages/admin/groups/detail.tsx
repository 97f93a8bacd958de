import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import type { GroupDetail, School } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { useSessionUser } from '@/hooks/useSessionUser';
import { LoadFailed } from '@/components/LoadFailed';
import { getFederation } from '@/services/federations';
import { getGroup, updateGroup } from '@/services/groups';
import { errorMessage } from '@/utils/labels';
import { formatDateTime } from '@/utils/time';
import { AddMember } from './AddMember';
import { MemberList } from './MemberList';
import { changeFor, leaderSessionUrl, sessionLines, type GroupAction } from './model';
import './index.scss';

type LoadState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; detail: GroupDetail; schools: School[] };

/** One 中心教研组: its leader, members (by school) and its sessions this semester. */
export default function GroupDetailPage() {
  const user = useSessionUser();
  const { params } = useRouter();
  const groupId = params.id ?? '';
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const detail = await getGroup(groupId);
      const schools = detail.canManage ? (await getFederation(detail.group.federationId)).schools : [];
      setState({ kind: 'ready', detail, schools });
      void Taro.setNavigationBarTitle({ title: detail.group.name });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '教研组加载失败，请重试') });
    }
  }, [groupId]);

  useLoad(() => {
    void load();
  });

  if (state.kind === 'loading') return <Text className='loading-text'>正在加载…</Text>;
  if (state.kind === 'failed') {
    return (
      <View className='groups-page'>
        <LoadFailed title='无法加载教研组' message={state.message} onRetry={() => void load()} testId='group-error' />
      </View>
    );
  }
  const { detail, schools } = state;

  const act = async (action: GroupAction) => {
    const checked = changeFor(action, detail);
    if (!checked.ok) return void Taro.showToast({ title: checked.error, icon: 'none' });
    setBusy(true);
    try {
      const next = await updateGroup(detail.group.id, checked.change);
      setState({ ...state, detail: next });
      void Taro.showToast({ title: action.kind === 'leader' ? '已设为组长' : action.kind === 'add' ? '已添加' : '已移出', icon: 'success' });
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '保存失败，请重试'), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const lines = sessionLines(detail.sessions, new Date());
  const sessionRows = [...lines.upcoming, ...lines.past];
  return (
    <View className='groups-page' data-testid='group-detail'>
      <View className='card'>
        <Text className='card__title'>{detail.group.name}</Text>
        <Text className='muted'>
          {detail.group.grade} · {detail.group.subject} · {detail.members.length} 人
        </Text>
        <Text className='group-school' data-testid='group-leader'>
          {detail.group.leaderName ? `组长：${detail.group.leaderName}` : detail.canManage ? '还没有组长：在成员中点「设为组长」' : '还没有组长'}
        </Text>
        {user && user.id === detail.group.leaderId ? (
          <Button className='btn' data-testid='group-new-session' onClick={() => void Taro.navigateTo({ url: leaderSessionUrl(detail.group) })}>
            为本组新建活动
          </Button>
        ) : null}
      </View>
      <MemberList detail={detail} busy={busy} onAction={(action) => void act(action)} />
      {detail.canManage ? <AddMember detail={detail} schools={schools} busy={busy} onAdd={(personId) => void act({ kind: 'add', personId })} /> : null}
      <View className='card' data-testid='group-sessions'>
        <Text className='card__title'>本学期活动（{sessionRows.length}）</Text>
        {sessionRows.length === 0 ? <EmptyState title='本学期还没有活动' hint='新建活动时，参与对象选「中心教研组」并选中本组。' /> : null}
        {sessionRows.map((s) => (
          <View key={s.id} className='group-session' data-testid={`group-session-${s.id}`}>
            <Text className='group-session__title'>{s.title}</Text>
            <Text className='muted'>
              {formatDateTime(s.startAt)} · {s.status}
              {s.expected ? ` · ${s.expected}` : ''}
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
}
