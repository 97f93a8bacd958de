import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Switch, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { schoolYearOf, type SchoolArchiveOverview, type SchoolArchiveRow } from '@lianyan/shared';
import { Choices } from '@/components/FormField';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { THEME_PRIMARY } from '@/styles/theme';
import { downloadExport } from '@/platform/download';
import { getSchoolArchive, schoolArchiveExportPath } from '@/services/archive';
import { errorMessage, formatHours } from '@/utils/labels';
import { ARCHIVE_PAGES } from '@/utils/links';
import { nextSort, positionLabel, ROW_SORTS, safeFileName, semesterLabel, visibleRows, yearLabel, type RowSort } from '../parts/model';
import { AdminSchoolGate } from '../parts/AdminSchoolGate';
import { YearSwitcher } from '../parts/YearSwitcher';
import '../parts/archive.scss';
import './index.scss';

type LoadState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; overview: SchoolArchiveOverview };

export default function SchoolArchivePage() {
  const { params } = useRouter();
  return (
    <AdminSchoolGate schoolId={params.schoolId} purpose='查看教师档案' noneTitle='没有可查看的学校' noneHint='只有学校管理员可以查看本校教师的档案总览。'>
      {(schools) => (
        <View className='archive-page' data-testid='school-archive-page'>
          <View className='archive-wrap archive-wrap--wide'>
            {schools.schools.length > 1 ? (
              <View className='card'>
                <Choices name='overview-school' options={schools.schools.map((s) => ({ value: s.id, label: s.name }))} selected={schools.school.id} onSelect={schools.choose} />
              </View>
            ) : null}
            <Overview key={schools.school.id} schoolId={schools.school.id} />
          </View>
        </View>
      )}
    </AdminSchoolGate>
  );
}

function Overview({ schoolId }: { schoolId: string }) {
  const latest = schoolYearOf(new Date());
  const [year, setYear] = useState(latest);
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [sort, setSort] = useState<RowSort>({ key: 'hours', desc: true });
  const [onlyBehind, setOnlyBehind] = useState(false);
  const [exporting, setExporting] = useState(false);
  const latestLoad = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++latestLoad.current;
    setState({ kind: 'loading' });
    try {
      const overview = await getSchoolArchive(schoolId, year);
      if (ticket === latestLoad.current) setState({ kind: 'ready', overview });
    } catch (error) {
      if (ticket === latestLoad.current) setState({ kind: 'failed', message: errorMessage(error, '教师档案加载失败，请重试') });
    }
  }, [schoolId, year]);

  useEffect(() => {
    void load();
  }, [load]);

  const exportExcel = async () => {
    if (exporting || state.kind !== 'ready') return;
    setExporting(true);
    try {
      const name = safeFileName(`${state.overview.school.name}-${year}-教师成长档案`);
      await downloadExport(schoolArchiveExportPath(schoolId, year, 'xlsx'), 'xlsx', name);
      void Taro.showToast({ title: '已导出', icon: 'success' });
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '导出失败，请稍后重试'), icon: 'none', duration: 2500 });
    } finally {
      setExporting(false);
    }
  };

  const open = (row: SchoolArchiveRow) =>
    void Taro.navigateTo({ url: `${ARCHIVE_PAGES.mine}?userId=${encodeURIComponent(row.userId)}&year=${encodeURIComponent(year)}` });

  return (
    <View>
      <YearSwitcher year={year} latest={latest} onChange={setYear} />
      {state.kind === 'loading' ? <Text className='loading-text'>正在加载教师档案…</Text> : null}
      {state.kind === 'failed' ? <LoadFailed title='教师档案加载失败' message={state.message} onRetry={() => void load()} testId='overview-error' /> : null}
      {state.kind === 'ready' ? (
        <OverviewBody
          overview={state.overview}
          sort={sort}
          onSort={(key) => setSort((current) => nextSort(current, key))}
          onlyBehind={onlyBehind}
          onOnlyBehind={setOnlyBehind}
          onOpen={open}
          onExport={() => void exportExcel()}
          exporting={exporting}
        />
      ) : null}
    </View>
  );
}

interface BodyProps {
  overview: SchoolArchiveOverview;
  sort: RowSort;
  onSort: (key: RowSort['key']) => void;
  onlyBehind: boolean;
  onOnlyBehind: (on: boolean) => void;
  onOpen: (row: SchoolArchiveRow) => void;
  onExport: () => void;
  exporting: boolean;
}

function OverviewBody({ overview, sort, onSort, onlyBehind, onOnlyBehind, onOpen, onExport, exporting }: BodyProps) {
  const behind = overview.rows.filter((row) => !row.onTrack).length;
  const rows = visibleRows(overview.rows, sort, onlyBehind);
  return (
    <View>
      <View className='card overview-head'>
        <Text className='overview-head__school' data-testid='overview-school'>
          {overview.school.name}
        </Text>
        <Text className='muted'>
          {yearLabel(overview.year)} · {semesterLabel(overview.semester)}
        </Text>
        <View className='overview-head__figures'>
          <Text>
            共 <Text className='overview-head__number'>{overview.rows.length}</Text> 位教师
          </Text>
          <Text>
            未达进度 <Text className='overview-head__number overview-head__number--warn' data-testid='overview-behind'>{behind}</Text> 位
          </Text>
        </View>
        <Button className={`btn btn--secondary btn--small${exporting ? ' btn--disabled' : ''}`} data-testid='overview-export' onClick={onExport}>
          {exporting ? '正在导出…' : '导出 Excel'}
        </Button>
      </View>

      <View className='overview-tools'>
        <View className='overview-sorts' data-testid='overview-sorts'>
          <Text className='overview-sorts__label'>排序</Text>
          {ROW_SORTS.map((option) => (
            <Text
              key={option.value}
              className={`overview-sorts__item${sort.key === option.value ? ' overview-sorts__item--on' : ''}`}
              data-testid={`overview-sort-${option.value}`}
              onClick={() => onSort(option.value)}
            >
              {option.label}
              {sort.key === option.value ? (sort.desc ? ' ↓' : ' ↑') : ''}
            </Text>
          ))}
        </View>
        <View className='overview-filter'>
          <Text>只看未达进度</Text>
          <Switch checked={onlyBehind} color={THEME_PRIMARY} data-testid='overview-only-behind' onChange={(e) => onOnlyBehind(Boolean(e.detail.value))} />
        </View>
      </View>

      {rows.length === 0 ? (
        <View className='card' data-testid='overview-empty'>
          <EmptyState
            title={onlyBehind ? '所有教师都已达进度' : '暂无教师'}
            hint={onlyBehind ? '本学年到目前为止，每位教师的学时和听课都跟上了进度。' : '学校还没有绑定教师，可在「邀请码」中邀请教师加入。'}
          />
        </View>
      ) : (
        <View className='card overview-list' data-testid='overview-list'>
          {rows.map((row) => (
            <TeacherRow key={row.userId} row={row} onOpen={() => onOpen(row)} />
          ))}
        </View>
      )}
      <Text className='muted overview-hint'>点击教师查看其成长档案。学时只计已审核通过和签到自动记入的记录。</Text>
    </View>
  );
}

function TeacherRow({ row, onOpen }: { row: SchoolArchiveRow; onOpen: () => void }) {
  const share = row.hoursTarget > 0 ? Math.min(1, row.hours / row.hoursTarget) : 0;
  return (
    <View className='teacher-row' hoverClass='teacher-row--pressed' data-testid={`overview-row-${row.userId}`} onClick={onOpen}>
      <View className='teacher-row__main'>
        <View className='teacher-row__top'>
          <Text className='teacher-row__name'>{row.name}</Text>
          <Text className='teacher-row__position'>{positionLabel(row)}</Text>
          <Text className={`badge badge--${row.onTrack ? 'ok' : 'warn'}`}>{row.onTrack ? '进度正常' : '未达进度'}</Text>
        </View>
        <View className='teacher-row__bar'>
          <View className={`teacher-row__fill${share >= 1 ? ' teacher-row__fill--done' : ''}`} style={{ width: `${Math.round(share * 100)}%` }} />
        </View>
        <View className='teacher-row__figures'>
          <Text data-testid='overview-row-hours'>
            学时 {formatHours(row.hours)}/{row.hoursTarget}
          </Text>
          <Text>听课 {row.observationsTarget ? `${row.observations}/${row.observationsTarget}` : row.observations}</Text>
          <Text>活动 {row.sessions}</Text>
          <Text>公开课 {row.openClasses}</Text>
          <Text>获奖 {row.awards}</Text>
          {row.pending > 0 ? <Text className='teacher-row__pending'>待审 {row.pending}</Text> : null}
        </View>
      </View>
      <Text className='teacher-row__chevron'>›</Text>
    </View>
  );
}
