import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import * as z from 'zod/mini';
import {
  ATTENDANCE_FLAG_LABELS,
  ATTENDANCE_STATUS_LABELS,
  ATTENDANCE_STATUSES,
  CancelSessionRequest,
  MarkAttendanceRequest,
  SESSION_KIND_LABELS,
  type AttendanceStatus,
  type Roster,
  type Session,
} from '@lianyan/shared';
import { EmptyState } from '../../../components/EmptyState';
import { openDisplay } from '../../../platform/display';
import { downloadExport, type ExportFormat } from '../../../platform/download';
import { getFederation } from '../../../services/federations';
import {
  cancelSession,
  closeSession,
  getDisplayLink,
  getRoster,
  getSession,
  markAttendance,
  publishSession,
  rosterExportPath,
} from '../../../services/sessions';
import { attendanceTone, errorMessage, SESSION_STATUS_BADGES } from '../../../utils/labels';
import { recordsPageUrl } from '../../../utils/links';
import { formatClock, formatRange } from '../../../utils/time';
import { Choices } from '../../../components/FormField';
import { closedNote, notSignedIn, ROSTER_TABS, rowsOf, type RosterRow, type RosterTab } from './model';
import { PrivacySheet } from '../../../components/PrivacySheet';
import { copyText } from '../../../platform/clipboard';
import '../parts/form.scss';
import './index.scss';

const REFRESH_MS = 5_000;

type Sheet =
  | { kind: 'none' }
  | { kind: 'mark'; userId: string; name: string; status: AttendanceStatus; reason: string; error: string }
  | { kind: 'cancel'; reason: string; error: string };

const STATUS_OPTIONS = ATTENDANCE_STATUSES.map((status) => ({ value: status, label: ATTENDANCE_STATUS_LABELS[status] }));

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
        <View className='sheet' data-testid='mark-sheet' onClick={() => setSheet({ kind: 'none' })}>
          <View className='sheet__panel' onClick={(e) => e.stopPropagation()}>
            <Text className='sheet__title'>修改签到状态</Text>
            <Text className='sheet__sub'>{sheet.name}</Text>
            <Choices name='mark-status' options={STATUS_OPTIONS} selected={sheet.status} onSelect={(status) => setSheet({ ...sheet, status, error: '' })} />
            <Input
              className='input'
              data-testid='mark-reason'
              value={sheet.reason}
              maxlength={200}
              placeholder='修改原因（必填），例如：已提交请假条'
              onInput={(e) => setSheet({ ...sheet, reason: e.detail.value, error: '' })}
            />
            {sheet.error ? <Text className='error-text'>{sheet.error}</Text> : null}
            <Button className='btn roster-sheet-submit' data-testid='mark-submit' onClick={() => void submitMark()}>
              确定
            </Button>
          </View>
        </View>
      ) : null}

      {sheet.kind === 'cancel' ? (
        <View className='sheet' data-testid='cancel-sheet' onClick={() => setSheet({ kind: 'none' })}>
          <View className='sheet__panel' onClick={(e) => e.stopPropagation()}>
            <Text className='sheet__title'>取消活动</Text>
            <Text className='sheet__sub'>取消后参与的老师会看到活动已取消及原因。</Text>
            <Input
              className='input'
              data-testid='cancel-reason'
              value={sheet.reason}
              maxlength={200}
              placeholder='取消原因（必填）'
              onInput={(e) => setSheet({ ...sheet, reason: e.detail.value, error: '' })}
            />
            {sheet.error ? <Text className='error-text'>{sheet.error}</Text> : null}
            <Button className='btn btn--danger roster-sheet-submit' data-testid='cancel-submit' onClick={() => void submitCancel()}>
              确定取消活动
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}

interface RosterBodyProps {
  roster: Roster | null;
  error: string;
  tab: RosterTab;
  onTab: (tab: RosterTab) => void;
  schoolNames: Record<string, string>;
  onPick: (row: RosterRow) => void;
  onExport: (format: ExportFormat) => void;
  busy: string;
}

function RosterBody({ roster, error, tab, onTab, schoolNames, onPick, onExport, busy }: RosterBodyProps) {
  if (!roster) {
    return error ? (
      <View className='card'>
        <EmptyState title='签到名单加载失败' hint={error} />
      </View>
    ) : (
      <Text className='loading-text'>正在加载签到名单…</Text>
    );
  }
  const { summary } = roster;
  const cards = [
    { key: 'expected', label: '应到', value: summary.expected },
    { key: 'signedIn', label: '已签到', value: summary.signedIn },
    { key: 'late', label: '迟到', value: summary.late },
    { key: 'notSignedIn', label: '未签到', value: notSignedIn(summary) },
    { key: 'leftEarly', label: '早退', value: summary.leftEarly },
    { key: 'flagged', label: '异常', value: summary.flagged },
  ];
  const rows = rowsOf(roster, tab);
  return (
    <View>
      <View className='roster-summary' data-testid='roster-summary'>
        {cards.map((card) => (
          <View key={card.key} className={`roster-summary__card roster-summary__card--${card.key}`}>
            <Text className='roster-summary__value' data-testid={`roster-count-${card.key}`}>
              {card.value}
            </Text>
            <Text className='roster-summary__label'>{card.label}</Text>
          </View>
        ))}
      </View>
      {error ? <Text className='roster-warning'>{error}，正在重试</Text> : null}

      <View className='roster-exports'>
        <Button className='btn btn--secondary btn--small' data-testid='roster-export-csv' onClick={() => onExport('csv')}>
          {busy === 'export-csv' ? '正在导出…' : '导出 CSV'}
        </Button>
        <Button className='btn btn--secondary btn--small' data-testid='roster-export-xlsx' onClick={() => onExport('xlsx')}>
          {busy === 'export-xlsx' ? '正在导出…' : '导出 Excel'}
        </Button>
      </View>

      <View className='roster-tabs' data-testid='roster-tabs'>
        {ROSTER_TABS.map((t) => (
          <View
            key={t.key}
            className={`roster-tabs__item${t.key === tab ? ' roster-tabs__item--on' : ''}`}
            data-testid={`roster-tab-${t.key}`}
            onClick={() => onTab(t.key)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>

      <View className='card roster-list' data-testid='roster-list'>
        {rows.length === 0 ? <Text className='muted'>暂无人员</Text> : null}
        {rows.map((row) => (
          <PersonRow key={row.kind === 'record' ? row.item.userId : `m-${row.userId}`} row={row} schoolNames={schoolNames} onPick={onPick} />
        ))}
      </View>
      <Text className='muted roster-hint'>点击人员可手动修改签到状态，每 5 秒自动刷新。</Text>
    </View>
  );
}

function PersonRow({ row, schoolNames, onPick }: { row: RosterRow; schoolNames: Record<string, string>; onPick: (row: RosterRow) => void }) {
  const userId = row.kind === 'record' ? row.item.userId : row.userId;
  const schoolId = row.kind === 'record' ? row.item.schoolId : row.schoolId;
  const school = schoolId ? (schoolNames[schoolId] ?? '') : '';
  if (row.kind === 'missing') {
    return (
      <View className='person' data-testid={`roster-person-${userId}`} onClick={() => onPick(row)}>
        <View className='person__main'>
          <Text className='person__name'>{row.name}</Text>
          <Text className='person__meta'>{school}</Text>
        </View>
        <Text className='badge badge--muted'>未签到</Text>
      </View>
    );
  }
  const { item } = row;
  const times = [item.signedInAt ? `签到 ${formatClock(item.signedInAt)}` : '', item.signedOutAt ? `签退 ${formatClock(item.signedOutAt)}` : '']
    .filter(Boolean)
    .join(' · ');
  return (
    <View className='person' data-testid={`roster-person-${userId}`} onClick={() => onPick(row)}>
      <View className='person__main'>
        <Text className='person__name'>{item.name}</Text>
        <Text className='person__meta'>{[school, times].filter(Boolean).join(' · ')}</Text>
        {item.flags.length > 0 ? (
          <View className='person__flags'>
            {item.flags.map((flag) => (
              <Text key={flag} className='person__flag'>
                {ATTENDANCE_FLAG_LABELS[flag]}
              </Text>
            ))}
          </View>
        ) : null}
      </View>
      <Text className={`badge badge--${attendanceTone(item.status)}`} data-testid='roster-person-status'>
        {ATTENDANCE_STATUS_LABELS[item.status]}
      </Text>
    </View>
  );
}
