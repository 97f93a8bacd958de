import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import * as z from 'zod/mini';
import { CancelSessionRequest, MarkAttendanceRequest, SESSION_KIND_LABELS, type Roster, type Session } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { openDisplay } from '@/platform/display';
import { downloadExport, type ExportFormat } from '@/platform/download';
import { getFederation } from '@/services/federations';
import {
  cancelSession,
  closeSession,
  getDisplayLink,
  getRoster,
  getSession,
  markAttendance,
  publishSession,
  rosterExportPath,
} from '@/services/sessions';
import { errorMessage, SESSION_STATUS_BADGES } from '@/utils/labels';
import { recordsPageUrl } from '@/utils/links';
import { formatRange } from '@/utils/time';
import { closedNote, type RosterTab } from './model';
import { RosterBody } from './RosterBody';
import { CancelSheet, MarkSheet, type Sheet } from './Sheets';
import { PrivacySheet } from '@/components/PrivacySheet';
import { copyText } from '@/platform/clipboard';
import '../parts/form.scss';
import './index.scss';

const REFRESH_MS = 5_000;

export default function RosterPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [session, setSession] = useState<Session | null>(null);
  const [loadError, setLoadError] = useState('');
  const [roster, setRoster] = useState<Roster | null>(null);
  const [rosterError, setRosterError] = useState('');
  const [schoolNames, setSchoolNames] = useState<Record<string, string>>({});
  const [tab, setTab] = useState<RosterTab>('all');
  const [sheet, setSheet] = useState<Sheet>({ kind: 'none' });
  const [busy, setBusy] = useState('');
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const loadSession = useCallback(async () => {
    try {
      const detail = await getSession(id);
      setSession(detail.session);
      setLoadError('');
      if (!detail.canManage) setLoadError('只有活动的组织者或管理员可以查看签到情况');
      return detail.session;
    } catch (error) {
      setLoadError(errorMessage(error, '活动加载失败，请重试'));
      return null;
    }
  }, [id]);

  const loadRoster = useCallback(async () => {
    try {
      setRoster(await getRoster(id));
      setRosterError('');
    } catch (error) {
      setRosterError(errorMessage(error, '签到名单加载失败'));
    }
  }, [id]);

  const stopRefresh = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };

  // Live while the page is on screen: every 5 s, paused when hidden.
  useDidShow(() => {
    void (async () => {
      const current = await loadSession();
      if (!current || current.status === 'draft') return;
      void loadRoster();
      stopRefresh();
      timer.current = setInterval(() => void loadRoster(), REFRESH_MS);
    })();
  });
  useDidHide(stopRefresh);
  useEffect(() => stopRefresh, []);

  const federationId = session?.federationId;
  useEffect(() => {
    if (!federationId) return;
    getFederation(federationId).then(
      (federation) => setSchoolNames(Object.fromEntries(federation.schools.map((s) => [s.id, s.name]))),
      () => undefined,
    );
  }, [federationId]);

  const act = async (name: string, action: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setBusy(name);
    try {
      await action();
      void Taro.showToast({ title: done, icon: 'success' });
      const current = await loadSession();
      if (current && current.status !== 'draft') {
        void loadRoster();
        if (!timer.current) timer.current = setInterval(() => void loadRoster(), REFRESH_MS);
      }
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 2500 });
    } finally {
      setBusy('');
    }
  };

  const confirmClose = async () => {
    const { confirm } = await Taro.showModal({
      title: '结束签到',
      content: '结束后不能再扫码签到，未签到的人将记为缺席。确定结束吗？',
      confirmText: '结束',
    });
    if (confirm) {
      await act('close', async () => {
        const closed = await closeSession(id);
        if (closed.markedAbsent > 0) void Taro.showToast({ title: `${closed.markedAbsent} 人记为缺席`, icon: 'none' });
      }, '活动已结束');
    }
  };

  const showDisplay = () =>
    act(
      'display',
      async () => {
        const link = await getDisplayLink(id);
        openDisplay(link, id);
      },
      '正在打开',
    );

  const copyDisplayLink = () =>
    act(
      'copy',
      async () => {
        const link = await getDisplayLink(id);
        if (!(await copyText(link.url, '大屏链接'))) throw new Error('链接未复制，已显示在弹窗中');
      },
      '链接已复制',
    );

  const exportAs = (format: ExportFormat) =>
    act(`export-${format}`, () => downloadExport(rosterExportPath(id, format), format, `${(session?.title ?? '活动').replace(/[\\/:*?"<>|\s]+/g, '-')}-签到表`), '已导出');

  const submitMark = async () => {
    if (sheet.kind !== 'mark') return;
    const parsed = MarkAttendanceRequest.safeParse({ status: sheet.status, reason: sheet.reason });
    if (!parsed.success) {
      setSheet({ ...sheet, error: z.flattenError(parsed.error).fieldErrors.reason?.[0] ?? '请填写修改原因' });
      return;
    }
    try {
      await markAttendance(id, sheet.userId, parsed.data.status, parsed.data.reason);
      setSheet({ kind: 'none' });
      void Taro.showToast({ title: '已修改', icon: 'success' });
      void loadRoster();
    } catch (error) {
      setSheet({ ...sheet, error: errorMessage(error) });
    }
  };

  const submitCancel = async () => {
    if (sheet.kind !== 'cancel') return;
    const parsed = CancelSessionRequest.safeParse({ reason: sheet.reason });
    if (!parsed.success) {
      setSheet({ ...sheet, error: z.flattenError(parsed.error).fieldErrors.reason?.[0] ?? '请填写取消原因' });
      return;
    }
    setSheet({ kind: 'none' });
    await act('cancel', () => cancelSession(id, parsed.data.reason), '活动已取消');
  };

  if (loadError && !session) {
    return (
      <View className='roster-page'>
        <View className='card'>
          <EmptyState title='无法打开活动' hint={loadError} />
        </View>
      </View>
    );
  }
  if (!session) return <Text className='loading-text'>正在加载…</Text>;

  const closedAs = closedNote(session);
  const badge = { ...SESSION_STATUS_BADGES[session.status], ...(closedAs ? { label: closedAs.badge } : {}) };
  const live = session.status === 'published';
  const editable = session.status === 'draft' || session.status === 'published';

  return (
    <View className='roster-page' data-testid='roster-page'>
      <PrivacySheet />
      <View className='card'>
        <View className='roster-head'>
          <Text className='tag'>{SESSION_KIND_LABELS[session.kind]}</Text>
          <Text className={`badge badge--${badge.tone}`} data-testid='roster-session-status'>
            {badge.label}
          </Text>
        </View>
        <Text className='roster-title' data-testid='roster-title'>
          {session.title}
        </Text>
        <Text className='muted roster-meta'>{formatRange(session.startAt, session.endAt)}</Text>
        <Text className='muted roster-meta'>{session.mode === 'online' ? '线上活动' : (session.venue?.name ?? '')}</Text>
        {session.cancelReason ? <Text className='muted roster-meta'>取消原因：{session.cancelReason}</Text> : null}
        {closedAs ? (
          <Text className='muted roster-meta' data-testid='roster-closed-note'>
            {closedAs.line}
          </Text>
        ) : null}
        {loadError ? <Text className='error-text'>{loadError}</Text> : null}
        <View className='roster-actions'>
          {session.status === 'draft' ? (
            <Button className='btn btn--small' data-testid='roster-publish' onClick={() => void act('publish', () => publishSession(id), '已发布')}>
              发布
            </Button>
          ) : null}
          {live ? (
            <Button className='btn btn--small' data-testid='roster-display' onClick={() => void showDisplay()}>
              展示签到码
            </Button>
          ) : null}
          {live ? (
            <Button className='btn btn--secondary btn--small' data-testid='roster-copy-link' onClick={() => void copyDisplayLink()}>
              复制大屏链接
            </Button>
          ) : null}
          {editable ? (
            <Button
              className='btn btn--secondary btn--small'
              data-testid='roster-edit'
              onClick={() => void Taro.navigateTo({ url: `/packages/organizer/edit/index?id=${encodeURIComponent(id)}` })}
            >
              编辑
            </Button>
          ) : null}
          {session.status === 'published' || session.status === 'closed' ? (
            <Button className='btn btn--secondary btn--small' data-testid='roster-records' onClick={() => void Taro.navigateTo({ url: recordsPageUrl(id) })}>
              活动档案
            </Button>
          ) : null}
          {live ? (
            <Button className='btn btn--secondary btn--small' data-testid='roster-close' onClick={() => void confirmClose()}>
              结束签到
            </Button>
          ) : null}
          {editable ? (
            <Button className='btn btn--danger btn--small' data-testid='roster-cancel' onClick={() => setSheet({ kind: 'cancel', reason: '', error: '' })}>
              取消活动
            </Button>
          ) : null}
        </View>
      </View>

      {session.status === 'draft' ? (
        <View className='card'>
          <EmptyState title='活动还是草稿' hint='发布后参与的老师才能看到活动并扫码签到。' />
        </View>
      ) : (
        <RosterBody
          roster={roster}
          error={rosterError}
          tab={tab}
          onTab={setTab}
          schoolNames={schoolNames}
          onPick={(row) =>
            setSheet({
              kind: 'mark',
              userId: row.kind === 'record' ? row.item.userId : row.userId,
              name: row.kind === 'record' ? row.item.name : row.name,
              status: row.kind === 'record' ? row.item.status : 'excused',
              reason: '',
              error: '',
            })
          }
          onExport={(format) => void exportAs(format)}
          busy={busy}
        />
      )}

      {sheet.kind === 'mark' ? (
        <MarkSheet
          sheet={sheet}
          onChange={(patch) => setSheet({ ...sheet, ...patch, error: '' })}
          onClose={() => setSheet({ kind: 'none' })}
          onSubmit={() => void submitMark()}
        />
      ) : null}
      {sheet.kind === 'cancel' ? (
        <CancelSheet
          sheet={sheet}
          onChange={(patch) => setSheet({ ...sheet, ...patch, error: '' })}
          onClose={() => setSheet({ kind: 'none' })}
          onSubmit={() => void submitCancel()}
        />
      ) : null}
    </View>
  );
}
