import { useCallback, useRef, useState } from 'react';
import { Button, ScrollView, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import {
  ARCHIVE_KIND_LABELS,
  ARCHIVE_KINDS,
  POSITION_LABELS,
  SESSION_KIND_LABELS,
  schoolYearOf,
  type ArchiveEntry,
  type ArchiveList,
  type ArchiveSummary,
  type SessionKind,
} from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { ProgressRing } from '@/components/ProgressRing';
import { openPrintLink } from '@/platform/print';
import { deleteEntry, getArchive, getArchiveSummary, getPrintLink } from '@/services/archive';
import { errorMessage, formatHours } from '@/utils/labels';
import { ARCHIVE_PAGES, safeDecode } from '@/utils/links';
import { Details } from '../parts/Details';
import { EvidenceFiles } from '../parts/EvidenceFiles';
import { ObservationFigures } from '../parts/ObservationFigures';
import {
  dayLabel,
  entryBadge,
  entryDetails,
  filterByKind,
  groupByMonth,
  isEditable,
  kindFilters,
  semesterLabel,
  type KindFilter,
} from '../parts/model';
import { YearSwitcher } from '../parts/YearSwitcher';
import { PrivacySheet } from '@/components/PrivacySheet';
import '../parts/archive.scss';
import './index.scss';

type LoadState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; year: string; list: ArchiveList; summary: ArchiveSummary };

export default function MyArchivePage() {
  const { params } = useRouter();
  // A school admin opens a teacher's archive with `userId`: read-only for them.
  const userId = params.userId ? safeDecode(params.userId) : undefined;
  const own = !userId;
  const latest = schoolYearOf(new Date());
  const [year, setYear] = useState(params.year && /^\d{4}-\d{4}$/.test(params.year) ? params.year : latest);
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [filter, setFilter] = useState<KindFilter>('all');
  const [openId, setOpenId] = useState('');
  const [busy, setBusy] = useState('');
  const latestLoad = useRef(0);

  const load = useCallback(
    async (forYear: string) => {
      const ticket = ++latestLoad.current;
      setState((current) => (current.kind === 'ready' && current.year === forYear ? current : { kind: 'loading' }));
      try {
        const [list, summary] = await Promise.all([getArchive({ year: forYear, userId }), getArchiveSummary({ year: forYear, userId })]);
        if (ticket !== latestLoad.current) return;
        setState({ kind: 'ready', year: forYear, list, summary });
        if (!own) void Taro.setNavigationBarTitle({ title: `${list.person.name}的档案` });
      } catch (error) {
        if (ticket === latestLoad.current) setState({ kind: 'failed', message: errorMessage(error, '档案加载失败，请重试') });
      }
    },
    [userId, own],
  );

  // Also after coming back from adding or editing an entry.
  useDidShow(() => {
    void load(year);
  });

  const chooseYear = (next: string) => {
    setYear(next);
    setFilter('all');
    setOpenId('');
    void load(next);
  };

  const addEntry = () => void Taro.navigateTo({ url: ARCHIVE_PAGES.edit });

  const print = async () => {
    if (busy) return;
    setBusy('print');
    try {
      await openPrintLink(await getPrintLink({ year, userId }));
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '打印链接获取失败，请重试'), icon: 'none', duration: 2500 });
    } finally {
      setBusy('');
    }
  };

  const remove = async (entry: ArchiveEntry) => {
    const { confirm } = await Taro.showModal({ title: '删除记录', content: `确定删除「${entry.title}」吗？删除后不能恢复。`, confirmText: '删除' });
    if (!confirm) return;
    try {
      await deleteEntry(entry.id);
      void Taro.showToast({ title: '已删除', icon: 'success' });
      setOpenId('');
      void load(year);
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '删除失败，请稍后重试'), icon: 'none', duration: 2500 });
    }
  };

  const edit = (entry: ArchiveEntry) => {
    setOpenId('');
    void Taro.navigateTo({ url: `${ARCHIVE_PAGES.edit}?id=${encodeURIComponent(entry.id)}&year=${encodeURIComponent(year)}` });
  };

  return (
    <View className='archive-page' data-testid='archive-page'>
      <PrivacySheet />
      <View className='archive-wrap'>
        <YearSwitcher year={year} latest={latest} onChange={chooseYear} />
        {state.kind === 'loading' ? <Text className='loading-text'>正在加载档案…</Text> : null}
        {state.kind === 'failed' ? (
          <LoadFailed title='档案加载失败' message={state.message} onRetry={() => void load(year)} testId='archive-error' />
        ) : null}
        {state.kind === 'ready' ? (
          <>
            <SummaryCard summary={state.summary} />
            <ObservationFigures userId={userId} />
            <View className='archive-actions'>
              {own ? (
                <Button className='btn btn--small' data-testid='archive-add' onClick={addEntry}>
                  添加记录
                </Button>
              ) : null}
              <Button className={`btn btn--secondary btn--small${busy ? ' btn--disabled' : ''}`} data-testid='archive-print' onClick={() => void print()}>
                {busy === 'print' ? '正在生成链接…' : '打印/分享档案'}
              </Button>
            </View>
            <Timeline
              entries={state.list.entries}
              filter={filter}
              onFilter={(next) => {
                setFilter(next);
                setOpenId('');
              }}
              openId={openId}
              onToggle={(id) => setOpenId((current) => (current === id ? '' : id))}
              own={own}
              onAdd={addEntry}
              onEdit={edit}
              onDelete={(entry) => void remove(entry)}
            />
          </>
        ) : null}
      </View>
    </View>
  );
}

function SummaryCard({ summary }: { summary: ArchiveSummary }) {
  const { person, training, observations } = summary;
  const counted = ARCHIVE_KINDS.filter((kind) => (summary.counts[kind] ?? 0) > 0);
  const sessions = Object.entries(summary.sessionsByKind).filter((entry): entry is [SessionKind, number] => (entry[1] ?? 0) > 0);
  return (
    <View className='card archive-summary' data-testid='archive-summary'>
      <View className='archive-summary__head'>
        <View className='archive-summary__who'>
          <Text className='archive-summary__name' data-testid='archive-person'>
            {person.name}
          </Text>
          <Text className='muted'>{[person.schoolName, person.position ? POSITION_LABELS[person.position] : ''].filter(Boolean).join(' · ')}</Text>
        </View>
        <Text className={`badge badge--${summary.onTrack ? 'ok' : 'warn'}`} data-testid='archive-on-track'>
          {summary.onTrack ? '进度正常' : '进度落后'}
        </Text>
      </View>
      <View className='archive-rings'>
        <ProgressRing label='本学年学时' value={training.hours} target={training.target} valueText={formatHours(training.hours)} testId='ring-hours' />
        <ProgressRing
          label='周期学时'
          value={training.cycleHours}
          target={training.cycleTarget}
          valueText={formatHours(training.cycleHours)}
          sub={training.cycle}
          testId='ring-cycle'
        />
        {observations.target ? (
          <ProgressRing
            label='本学期听课'
            value={observations.count}
            target={observations.target}
            valueText={String(observations.count)}
            testId='ring-observations'
          />
        ) : (
          <View className='archive-stat' data-testid='stat-observations'>
            <Text className='archive-stat__value'>{observations.count}</Text>
            <Text className='archive-stat__label'>本学期听课（节）</Text>
          </View>
        )}
      </View>
      <Text className='archive-summary__semester'>{semesterLabel(summary.semester)}</Text>
      {summary.pending > 0 ? (
        <Text className='archive-summary__pending' data-testid='archive-pending'>
          {summary.pending} 条记录待学校审核，通过后计入统计
        </Text>
      ) : null}
      {counted.length > 0 ? (
        <View className='archive-counts' data-testid='archive-counts'>
          {counted.map((kind) => (
            <View key={kind} className='archive-counts__item'>
              <Text className='archive-counts__value'>{summary.counts[kind]}</Text>
              <Text className='archive-counts__label'>{ARCHIVE_KIND_LABELS[kind]}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {sessions.length > 0 ? (
        <Text className='archive-summary__sessions'>参加活动：{sessions.map(([kind, n]) => `${SESSION_KIND_LABELS[kind]} ${n} 次`).join(' · ')}</Text>
      ) : null}
    </View>
  );
}

interface TimelineProps {
  entries: ArchiveEntry[];
  filter: KindFilter;
  onFilter: (filter: KindFilter) => void;
  openId: string;
  onToggle: (id: string) => void;
  own: boolean;
  onAdd: () => void;
  onEdit: (entry: ArchiveEntry) => void;
  onDelete: (entry: ArchiveEntry) => void;
}

function Timeline({ entries, filter, onFilter, openId, onToggle, own, onAdd, onEdit, onDelete }: TimelineProps) {
  if (entries.length === 0) {
    return (
      <View className='card' data-testid='archive-empty'>
        <EmptyState
          title='空档案'
          hint={
            own
              ? '这一学年还没有记录。参加教研活动签到签退后学时会自动记入；培训、听课、获奖等也可以自己添加，学校审核后计入统计。'
              : '这一学年还没有记录。'
          }
          action={
            own ? (
              <Button className='btn' data-testid='archive-empty-add' onClick={onAdd}>
                添加第一条记录
              </Button>
            ) : undefined
          }
        />
      </View>
    );
  }
  const chips = kindFilters(entries);
  // A kind whose last line was just deleted is no longer offered: show all again.
  const active = chips.some((chip) => chip.value === filter) ? filter : 'all';
  const groups = groupByMonth(filterByKind(entries, active));
  return (
    <View data-testid='archive-timeline'>
      <ScrollView scrollX className='kind-filter' data-testid='kind-filter'>
        {chips.map((chip) => (
          <Text
            key={chip.value}
            className={`kind-filter__chip${chip.value === active ? ' kind-filter__chip--on' : ''}`}
            data-testid={`kind-filter-${chip.value}`}
            onClick={() => onFilter(chip.value)}
          >
            {chip.label} {chip.count}
          </Text>
        ))}
      </ScrollView>
      {groups.map((group) => (
        <View key={group.key} className='timeline-month'>
          <Text className='timeline-month__label'>{group.label}</Text>
          <View className='card timeline'>
            {group.entries.map((entry) => (
              <TimelineItem
                key={entry.id}
                entry={entry}
                open={entry.id === openId}
                onToggle={() => onToggle(entry.id)}
                editable={own && isEditable(entry)}
                onEdit={() => onEdit(entry)}
                onDelete={() => onDelete(entry)}
              />
            ))}
          </View>
        </View>
      ))}
    </View>
  );
}

interface ItemProps {
  entry: ArchiveEntry;
  open: boolean;
  onToggle: () => void;
  editable: boolean;
  onEdit: () => void;
  onDelete: () => void;
}

function TimelineItem({ entry, open, onToggle, editable, onEdit, onDelete }: ItemProps) {
  const badge = entryBadge(entry);
  const review = entry.review;
  const showReview = !!review && (entry.status === 'rejected' || open) && (!!review.comment || entry.status === 'rejected');
  return (
    <View className={`timeline-item timeline-item--${entry.source}`} data-testid={`archive-entry-${entry.id}`} onClick={onToggle}>
      <View className={`timeline-item__dot timeline-item__dot--${badge.tone}`} />
      <View className='timeline-item__body'>
        <View className='timeline-item__top'>
          <Text className='tag timeline-item__kind'>{ARCHIVE_KIND_LABELS[entry.kind]}</Text>
          <Text className={`badge badge--${badge.tone}`} data-testid='archive-entry-status'>
            {badge.label}
          </Text>
        </View>
        <Text className='timeline-item__title' data-testid='archive-entry-title'>
          {entry.title}
        </Text>
        <View className='timeline-item__meta'>
          <Text>{dayLabel(entry.date)}</Text>
          {entry.hours > 0 || entry.kind === 'research_attendance' ? (
            <Text className='timeline-item__hours' data-testid='archive-entry-hours'>
              {entry.hours > 0 ? `+${formatHours(entry.hours)} 学时` : '0 学时'}
            </Text>
          ) : null}
          {entry.evidenceFiles.length > 0 ? <Text>附件 {entry.evidenceFiles.length}</Text> : null}
          {entry.sessionReflection ? <Text data-testid='archive-entry-has-reflection'>心得</Text> : null}
        </View>
        {showReview && review ? (
          <Text className={`timeline-item__review timeline-item__review--${entry.status}`} data-testid='archive-entry-review'>
            审核意见：{review.comment || '（无）'}
            {review.byName ? ` —— ${review.byName}` : ''}
          </Text>
        ) : null}
        {open ? (
          <View className='timeline-item__more' data-testid='archive-entry-details'>
            <Details lines={entryDetails(entry)} />
            <EvidenceFiles files={entry.evidenceFiles} />
            {entry.sessionReflection ? (
              <Text className='timeline-item__reflection' data-testid='archive-entry-reflection'>
                活动心得{entry.sessionReflection.late ? '（逾期提交）' : ''}：{entry.sessionReflection.text}
              </Text>
            ) : null}
            {entry.source === 'derived' && entry.pairId ? (
              <Text className='link' data-testid='archive-entry-pair' onClick={(event) => {
                event.stopPropagation();
                void Taro.navigateTo({ url: `/packages/archive/pair/index?id=${encodeURIComponent(entry.pairId ?? '')}` });
              }}>
                由学校登记的师徒结对生成，查看结对记录 ›
              </Text>
            ) : entry.source === 'derived' ? (
              <Text className='muted'>由签到记录自动生成，不能修改；如有出入请联系活动组织者。</Text>
            ) : null}
            {editable ? (
              <View className='timeline-item__actions'>
                <Button
                  className='btn btn--secondary btn--small'
                  data-testid='archive-entry-edit'
                  onClick={(event) => {
                    event.stopPropagation();
                    onEdit();
                  }}
                >
                  {entry.status === 'rejected' ? '修改后重新提交' : '修改'}
                </Button>
                <Button
                  className='btn btn--danger btn--small'
                  data-testid='archive-entry-delete'
                  onClick={(event) => {
                    event.stopPropagation();
                    onDelete();
                  }}
                >
                  删除
                </Button>
              </View>
            ) : null}
          </View>
        ) : null}
      </View>
    </View>
  );
}
