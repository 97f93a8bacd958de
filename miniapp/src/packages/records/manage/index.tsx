import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import { SESSION_KIND_LABELS } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { getFederation } from '@/services/federations';
import { getSession, type SessionDetail } from '@/services/sessions';
import { errorMessage, SESSION_STATUS_BADGES } from '@/utils/labels';
import { safeDecode } from '@/utils/links';
import { formatRange } from '@/utils/time';
import type { Loadable } from '../parts/model';
import { BriefingPanel } from './BriefingPanel';
import { BundlePanel } from './BundlePanel';
import { FilesPanel } from './FilesPanel';
import { ReflectionsPanel } from './ReflectionsPanel';
import { PrivacySheet } from '@/components/PrivacySheet';
import '../parts/records.scss';

type Tab = 'files' | 'reflections' | 'briefing' | 'bundle';
const TABS: ReadonlyArray<{ key: Tab; label: string; managersOnly: boolean }> = [
  { key: 'files', label: '资料', managersOnly: true },
  { key: 'reflections', label: '心得', managersOnly: true },
  { key: 'briefing', label: '简报', managersOnly: false },
  { key: 'bundle', label: '下载', managersOnly: false },
];
const isTab = (value: string | undefined): value is Tab => TABS.some((t) => t.key === value);

/** 活动档案 of one session: files and photos, reflections, the briefing and the ZIP; admins of schools taking part see the last two. */
export default function ManageRecordsPage() {
  const { params } = useRouter();
  const id = params.id ? safeDecode(params.id) : '';
  const [state, setState] = useState<Loadable<SessionDetail>>({ kind: 'loading' });
  const [tab, setTab] = useState<Tab>(isTab(params.tab) ? params.tab : 'files');
  const [schoolNames, setSchoolNames] = useState<Record<string, string>>({});

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'ready', data: await getSession(id) });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '活动加载失败，请重试') });
    }
  }, [id]);
  useLoad(() => {
    if (id) void load();
  });

  const federationId = state.kind === 'ready' ? state.data.session.federationId : '';
  useEffect(() => {
    if (!federationId) return;
    getFederation(federationId).then(
      (federation) => setSchoolNames(Object.fromEntries(federation.schools.map((s) => [s.id, s.name]))),
      () => undefined,
    );
  }, [federationId]);

  if (!id) {
    return (
      <View className='records-page'>
        <View className='card'>
          <EmptyState title='没有找到这个活动' hint='请从活动的签到情况页进入活动档案。' />
        </View>
      </View>
    );
  }
  if (state.kind === 'loading') return <Text className='loading-text'>正在加载…</Text>;
  if (state.kind === 'failed') {
    return (
      <View className='records-page'>
        <LoadFailed title='无法打开活动档案' message={state.message} onRetry={() => void load()} testId='records-manage-error' />
      </View>
    );
  }
  const { session, canManage } = state.data;
  const tabs = TABS.filter((t) => canManage || !t.managersOnly);
  const current = tabs.some((t) => t.key === tab) ? tab : 'briefing';
  const badge = SESSION_STATUS_BADGES[session.status];
  return (
    <View className='records-page' data-testid='records-manage'>
      <PrivacySheet />
      <View className='card rec-head'>
        <View className='rec-head__tags'>
          <Text className='tag'>{SESSION_KIND_LABELS[session.kind]}</Text>
          <Text className={`badge badge--${badge.tone}`}>{badge.label}</Text>
        </View>
        <Text className='rec-head__title' data-testid='records-session-title'>
          {session.title}
        </Text>
        <Text className='muted records-line'>{formatRange(session.startAt, session.endAt)}</Text>
        {canManage ? null : <Text className='muted records-line'>你可以查看简报、下载活动档案；资料与心得由活动组织者管理。</Text>}
      </View>
      <View className='rec-tabs' data-testid='records-tabs'>
        {tabs.map((t) => (
          <View key={t.key} className={`rec-tabs__item${t.key === current ? ' rec-tabs__item--on' : ''}`} data-testid={`records-tab-${t.key}`} onClick={() => setTab(t.key)}>
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      {current === 'files' ? <FilesPanel sessionId={id} /> : null}
      {current === 'reflections' ? <ReflectionsPanel sessionId={id} sessionEndAt={session.endAt} schoolNames={schoolNames} /> : null}
      {current === 'briefing' ? <BriefingPanel sessionId={id} canManage={canManage} /> : null}
      {current === 'bundle' ? <BundlePanel sessionId={id} /> : null}
    </View>
  );
}
