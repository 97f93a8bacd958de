import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { schoolYearLabel, SESSION_KIND_LABELS, TRANSITION_TOPIC_LABELS, type FamilySessionItem, type FamilySessions, type TransitionTopic } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { requestReminderConsent } from '@/platform/subscribe';
import { cancelRegistration, listFamilySessions, registerForSession } from '@/services/family';
import { errorMessage } from '@/utils/labels';
import { formatRange } from '@/utils/time';
import { familyRowState, TOPIC_FILTERS } from './family-model';
import { copyText } from '@/platform/clipboard';

type LoadState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; data: FamilySessions };
type Filter = TransitionTopic | 'all';

const BIND_PAGE = '/packages/family/bind/index';
const HISTORY_PAGE = '/packages/family/history/index';

/** 家庭教育: the parent's home — children, family sessions of their schools and grades, 报名 / 候补 / 取消. */
export function FamilySection() {
  const [filter, setFilter] = useState<Filter>('all');
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async (topic: Filter) => {
    try {
      setState({ kind: 'ready', data: await listFamilySessions(topic === 'all' ? undefined : topic) });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '活动加载失败，请重试') });
    }
  }, []);

  useEffect(() => {
    setState({ kind: 'loading' });
    void load(filter);
  }, [filter, load]);
  useDidShow(() => void load(filter));

  const act = async (item: FamilySessionItem, action: 'register' | 'cancel') => {
    if (busy) return;
    setBusy(item.session.id);
    try {
      if (action === 'register') {
        await requestReminderConsent();
        const outcome = await registerForSession(item.session.id);
        if (outcome.kind === 'registered') void Taro.showToast({ title: '报名成功', icon: 'success' });
        else void Taro.showModal({ title: outcome.kind === 'waitlisted' ? '已加入候补' : '名额已满', content: outcome.message, showCancel: false });
      } else {
        const { confirm } = await Taro.showModal({ title: '取消报名', content: item.registration?.status === 'waitlisted' ? '确定不再候补吗？' : '确定取消报名吗？名额会让给候补的家长。' });
        if (!confirm) return;
        await cancelRegistration(item.session.id);
        void Taro.showToast({ title: '已取消', icon: 'none' });
      }
      await load(filter);
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 2500 });
    } finally {
      setBusy(null);
    }
  };

  const children = state.kind === 'ready' ? state.data.children : [];
  if (state.kind === 'ready' && children.length === 0) return <BindChildPrompt />;

  return (
    <View data-testid='section-family'>
      {children.length > 0 ? (
        <View className='card family-children' data-testid='family-children'>
          {children.map((child) => (
            <Text key={child.id} className='family-children__item'>
              {child.name} · {child.schoolName ?? ''} {child.className}
              {child.graduatedIn ? `（${schoolYearLabel(child.graduatedIn)}毕业）` : ''}
            </Text>
          ))}
          <View className='family-links'>
            <Button className='btn btn--secondary btn--small' data-testid='family-history-link' onClick={() => void Taro.navigateTo({ url: HISTORY_PAGE })}>
              学习记录与学时
            </Button>
            <Button className='btn btn--secondary btn--small' data-testid='family-bind-link' onClick={() => void Taro.navigateTo({ url: BIND_PAGE })}>
              绑定其他孩子
            </Button>
          </View>
        </View>
      ) : null}

      <View className='family-filters'>
        <View className='choices' data-testid='family-filters'>
          {TOPIC_FILTERS.map((option) => (
            <View
              key={option.value}
              className={`choices__item${option.value === filter ? ' choices__item--on' : ''}`}
              data-testid={`family-filter-${option.value}`}
              onClick={() => setFilter(option.value)}
            >
              <Text>{option.label}</Text>
            </View>
          ))}
        </View>
      </View>

      {state.kind === 'loading' ? (
        <View className='card'>
          <Text className='loading-text'>正在加载活动…</Text>
        </View>
      ) : null}
      {state.kind === 'failed' ? <LoadFailed title='活动加载失败' message={state.message} onRetry={() => void load(filter)} testId='family-error' /> : null}
      {state.kind === 'ready' ? <FamilyList data={state.data} filter={filter} busy={busy} onAct={(item, action) => void act(item, action)} /> : null}
    </View>
  );
}

function FamilyList({ data, filter, busy, onAct }: { data: FamilySessions; filter: Filter; busy: string | null; onAct: (item: FamilySessionItem, action: 'register' | 'cancel') => void }) {
  if (data.upcoming.length === 0 && data.past.length === 0) {
    return (
      <View className='card' data-testid='family-empty'>
        <EmptyState
          title={filter === 'all' ? '暂无家庭教育活动' : `暂无${TRANSITION_TOPIC_LABELS[filter]}活动`}
          hint='学校发布家庭教育讲座或家长学校活动后会显示在这里，可直接报名参加。'
        />
      </View>
    );
  }
  return (
    <View data-testid='family-sessions'>
      {data.upcoming.length > 0 ? <Text className='section-title'>即将开始</Text> : null}
      {data.upcoming.map((item) => (
        <FamilyRow key={item.session.id} item={item} busy={busy === item.session.id} onAct={onAct} />
      ))}
      {data.past.length > 0 ? <Text className='section-title'>已结束</Text> : null}
      {data.past.map((item) => (
        <FamilyRow key={item.session.id} item={item} busy={false} onAct={onAct} />
      ))}
    </View>
  );
}

function FamilyRow({ item, busy, onAct }: { item: FamilySessionItem; busy: boolean; onAct: (item: FamilySessionItem, action: 'register' | 'cancel') => void }) {
  const { session } = item;
  const state = familyRowState(item, Date.now());
  const open = () => void Taro.navigateTo({ url: `/packages/signin/session/index?id=${encodeURIComponent(session.id)}` });
  const where = session.mode === 'online' ? '线上直播' : (session.venue?.name ?? '');
  return (
    <View className='card session-row' data-testid={`family-session-${session.id}`}>
      <View className='session-row__top'>
        <View>
          <Text className='tag'>{SESSION_KIND_LABELS[session.kind]}</Text>
          {session.topic ? <Text className='tag tag--topic'>{TRANSITION_TOPIC_LABELS[session.topic]}</Text> : null}
        </View>
        <Text className={`badge badge--${state.badge.tone}`} data-testid='family-session-status'>
          {state.badge.label}
        </Text>
      </View>
      <View hoverClass='tile--pressed' onClick={open}>
        <Text className='session-row__title'>{session.title}</Text>
        <Text className='session-row__meta'>{formatRange(session.startAt, session.endAt)}</Text>
        {session.speaker ? <Text className='session-row__meta'>主讲：{session.speaker}</Text> : null}
        <Text className='session-row__meta'>{where}</Text>
        {item.childNames.length > 0 ? <Text className='session-row__meta'>适合：{item.childNames.join('、')}的家长</Text> : null}
      </View>
      {session.mode === 'offline' && session.venue?.lat !== undefined && session.venue.lng !== undefined ? (
        <Text
          className='family-map-link'
          onClick={() => void Taro.openLocation({ latitude: session.venue?.lat ?? 0, longitude: session.venue?.lng ?? 0, name: session.venue?.name ?? '', scale: 16 }).catch(() => undefined)}
        >
          查看地图
        </Text>
      ) : null}
      {session.mode === 'online' && session.onlineUrl && item.registration?.status === 'registered' ? (
        <Text className='family-map-link' userSelect onClick={() => void copyText(session.onlineUrl ?? '', '会议链接')}>
          复制直播链接
        </Text>
      ) : null}
      {state.note ? (
        <Text className='family-note' data-testid='family-session-note'>
          {state.note}
        </Text>
      ) : null}
      {state.action !== 'none' ? (
        <Button
          className={`btn btn--small${state.action === 'cancel' ? ' btn--danger' : ''}${busy ? ' btn--disabled' : ''}`}
          data-testid={`family-${state.action}`}
          disabled={busy}
          onClick={() => onAct(item, state.action as 'register' | 'cancel')}
        >
          {busy ? '请稍候…' : state.actionLabel}
        </Button>
      ) : null}
    </View>
  );
}

function BindChildPrompt() {
  return (
    <View className='card' data-testid='family-bind-prompt'>
      <EmptyState
        title='还没有绑定孩子'
        hint='请向班主任或学校索取家长邀请码，填写孩子姓名和班级后即可报名家庭教育活动。'
        action={
          <Button className='btn' data-testid='family-bind-button' onClick={() => void Taro.navigateTo({ url: BIND_PAGE })}>
            绑定孩子
          </Button>
        }
      />
    </View>
  );
}
