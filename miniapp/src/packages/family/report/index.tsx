import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import type { ParentSchoolReport } from '@lianyan/shared';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { useSessionUser } from '@/hooks/useSessionUser';
import { downloadExport } from '@/platform/download';
import { getParentSchoolReport, parentSchoolReportPath } from '@/services/family';
import { listFederations } from '@/services/federations';
import { errorMessage } from '@/utils/labels';
import { formatDateTime } from '@/utils/time';
import { rate, reportSchools, semesterChoices, type SchoolChoice } from './model';
import '../family.scss';

type SchoolsState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; schools: SchoolChoice[] };
type ReportState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; report: ParentSchoolReport };

/** 家长学校统计 for school, federation and district admins: the quota, attendance per grade and class, families never seen. */
export default function ParentSchoolPage() {
  const user = useSessionUser();
  const [schools, setSchools] = useState<SchoolsState>({ kind: 'loading' });
  const load = useCallback(async () => {
    if (!user) return;
    setSchools({ kind: 'loading' });
    try {
      setSchools({ kind: 'ready', schools: reportSchools(user, (await listFederations()).items) });
    } catch (error) {
      setSchools({ kind: 'failed', message: errorMessage(error, '加载失败，请重试') });
    }
  }, [user]);
  useLoad(() => void load());

  if (!user) {
    return (
      <View className='family-page'>
        <View className='card'>
          <EmptyState title='请先登录' hint='登录管理员账号后查看家长学校统计。' />
        </View>
      </View>
    );
  }
  if (schools.kind === 'loading') return <Text className='loading-text'>正在加载…</Text>;
  if (schools.kind === 'failed') return <LoadFailed title='加载失败' message={schools.message} onRetry={() => void load()} />;
  if (schools.schools.length === 0) {
    return (
      <View className='family-page'>
        <View className='card'>
          <EmptyState title='没有可查看的学校' hint='学校、校联体和教体局管理员可以查看家长学校统计。' />
        </View>
      </View>
    );
  }
  return <ReportView schools={schools.schools} />;
}

function Chips({ name, options, selected, onSelect }: { name: string; options: Array<{ value: string; label: string }>; selected: string; onSelect: (v: string) => void }) {
  return (
    <View className='choices' data-testid={name}>
      {options.map((o) => (
        <View key={o.value} className={`choices__item${o.value === selected ? ' choices__item--on' : ''}`} data-testid={`${name}-${o.value}`} onClick={() => onSelect(o.value)}>
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}

function ReportView({ schools }: { schools: SchoolChoice[] }) {
  const semesters = semesterChoices(new Date());
  const [schoolId, setSchoolId] = useState(schools[0]?.id ?? '');
  const [semester, setSemester] = useState(semesters[0]?.value ?? '');
  const [state, setState] = useState<ReportState>({ kind: 'loading' });
  const [exporting, setExporting] = useState(false);

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'ready', report: await getParentSchoolReport(schoolId, semester) });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '统计加载失败，请重试') });
    }
  }, [schoolId, semester]);
  useEffect(() => void load(), [load]);

  const exportXlsx = async (report: ParentSchoolReport) => {
    setExporting(true);
    try {
      await downloadExport(parentSchoolReportPath(schoolId, semester, 'xlsx'), 'xlsx', `${report.semester}-${report.school.name}-家长学校统计`);
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '导出失败，请稍后重试'), icon: 'none' });
    } finally {
      setExporting(false);
    }
  };

  return (
    <View className='family-page' data-testid='parent-school-page'>
      <Text className='section-title'>学校与学期</Text>
      <View className='card'>
        {schools.length > 1 ? <Chips name='report-school' options={schools.map((s) => ({ value: s.id, label: s.name }))} selected={schoolId} onSelect={setSchoolId} /> : <Text className='card__title'>{schools[0]?.name}</Text>}
        <Chips name='report-semester' options={semesters} selected={semester} onSelect={setSemester} />
      </View>
      {state.kind === 'loading' ? <Text className='loading-text'>正在加载统计…</Text> : null}
      {state.kind === 'failed' ? <LoadFailed title='统计加载失败' message={state.message} onRetry={() => void load()} testId='report-error' /> : null}
      {state.kind === 'ready' ? (
        <ReportBody report={state.report} exporting={exporting} onExport={() => void exportXlsx(state.report)} />
      ) : null}
    </View>
  );
}

function ReportBody({ report, exporting, onExport }: { report: ParentSchoolReport; exporting: boolean; onExport: () => void }) {
  const { quota } = report;
  return (
    <View>
      <View className='card quota' data-testid='report-quota'>
        <View>
          <Text className='card__title'>本学期家长学校活动</Text>
          <Text className='muted'>要求每学期至少 {quota.required} 次</Text>
        </View>
        <View>
          <Text className='quota__figure'>{quota.held}</Text>
          <Text className={`badge badge--${quota.met ? 'ok' : 'bad'}`} data-testid='report-quota-status'>
            {quota.met ? '已达标' : '未达标'}
          </Text>
        </View>
      </View>

      <Text className='section-title'>活动</Text>
      <View className='card' data-testid='report-sessions'>
        {report.sessions.length === 0 ? <Text className='muted'>本学期还没有面向本校家长的活动。</Text> : null}
        {report.sessions.map((s) => (
          <View key={s.id} className='stat-row'>
            <View className='stat-row__main'>
              <Text>{s.title}</Text>
              <Text className='muted'> {formatDateTime(s.startAt)}</Text>
            </View>
            <Text className='stat-row__value'>{Date.parse(s.startAt) > Date.now() ? '未开始' : `${s.attended} 人参加`}</Text>
          </View>
        ))}
      </View>

      <Text className='section-title'>按年级</Text>
      <View className='card' data-testid='report-grades'>
        {report.grades.length === 0 ? <Text className='muted'>还没有家长绑定本校学生。</Text> : null}
        {report.grades.map((g) => (
          <View key={g.grade} className='stat-row'>
            <Text className='stat-row__main'>{g.grade}</Text>
            <Text className='stat-row__value'>参加家庭 {rate(g.attendedFamilies, g.families)}</Text>
          </View>
        ))}
      </View>

      <Text className='section-title'>按班级</Text>
      <View className='card' data-testid='report-classes'>
        {report.classes.map((c) => (
          <View key={`${c.grade}-${c.className}`} className='stat-row'>
            <Text className='stat-row__main'>{c.className}</Text>
            <Text className='stat-row__value'>
              {rate(c.attendedFamilies, c.families)} · {c.attendances} 人次
            </Text>
          </View>
        ))}
      </View>

      <Text className='section-title'>本学期未参加的家庭（{report.neverAttended.length}）</Text>
      <View className='card' data-testid='report-never'>
        {report.neverAttended.length === 0 ? <Text className='muted'>所有绑定的家庭本学期都参加过活动。</Text> : null}
        {report.neverAttended.map((f) => (
          <View key={`${f.className}-${f.childName}`} className='stat-row'>
            <Text className='stat-row__main'>
              {f.className} {f.childName}
            </Text>
            <Text className='stat-row__value'>{f.parents.map((p) => [p.name, p.phoneMasked].filter(Boolean).join(' ')).join('、')}</Text>
          </View>
        ))}
      </View>

      <View className='actions'>
        <Button className={`btn btn--secondary${exporting ? ' btn--disabled' : ''}`} data-testid='report-export' disabled={exporting} onClick={onExport}>
          {exporting ? '正在导出…' : '导出 Excel'}
        </Button>
      </View>
    </View>
  );
}
