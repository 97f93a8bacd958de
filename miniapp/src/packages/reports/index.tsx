import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, ScrollView, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  schoolYearLabel,
  DEFAULT_ATTENDANCE_THRESHOLD,
  POSITION_LABELS,
  SESSION_KIND_LABELS,
  type DistrictReport,
  type FederationReport,
  type MonthPoint,
  type SchoolReport,
  type SchoolScoreRow,
} from '@lianyan/shared';
import { EmptyState } from '../../components/EmptyState';
import { LoadFailed } from '../../components/LoadFailed';
import { useSessionUser } from '../../hooks/useSessionUser';
import { downloadExport, type ExportFormat } from '../../platform/download';
import { getDistrictReport, getFederationReport, getSchoolReport, reportExportPath, type ReportScope } from '../../services/reports';
import { errorMessage } from '../../utils/labels';
import { formatDay } from '../../utils/time';
import { DistrictExchangesLine, FederationExchangesCard, SchoolExchangesCard } from './ExchangeCards';
import { ObservationCoverageCard } from './ObservationCoverageCard';
import { Bar, Card, Figure } from './parts';
import { barWidth, defaultScope, fileBase, monthLabel, percent, semesterOptions, shortSemester, signed } from './model';
import './index.scss';

type Loaded =
  | { kind: 'school'; report: SchoolReport }
  | { kind: 'federation'; report: FederationReport }
  | { kind: 'district'; report: DistrictReport };
type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; data: Loaded };

const THRESHOLDS = [70, 80, 90];

/** Attendance by month: one column per month, its height the rate. */
function Trend({ points }: { points: MonthPoint[] }) {
  if (!points.some((p) => p.expected > 0)) return <Text className='muted'>本学期还没有出勤记录</Text>;
  return (
    <View className='rp-trend' data-testid='report-trend'>
      {points.map((p) => (
        <View key={p.month} className='rp-trend__col' data-testid={`trend-${p.month}`}>
          <Text className='rp-trend__value'>{p.rate === null ? '' : percent(p.rate)}</Text>
          <View className='rp-trend__track'>
            <View className='rp-trend__fill' style={{ height: `${barWidth(p.rate, 1)}%` }} />
          </View>
          <Text className='rp-trend__month'>{monthLabel(p.month)}</Text>
        </View>
      ))}
    </View>
  );
}

function schoolTag(row: SchoolScoreRow) {
  return row.school.isCore ? '核心校' : row.school.rural ? '乡村' : undefined;
}

function FederationView({ report, openSchool }: { report: FederationReport; openSchool: (id: string) => void }) {
  const s = report.summary;
  return (
    <View>
      <View className='card rp-figures' data-testid='report-summary'>
        <Figure label='捆绑考核得分' value={String(s.bundledScore)} hint={`较上学期 ${signed(s.change)}`} testId='report-bundled' />
        <Figure label='教师出勤率' value={percent(s.attendance.rate)} hint={`${s.attendance.attended}/${s.attendance.expected} 人次`} />
        <Figure label='联合教研 线上/线下' value={`${s.jointResearchOnline}/${s.jointResearchOffline}`} hint={`共举办活动 ${s.sessionsHeld} 场`} />
        <Figure label='指标达标学校' value={`${s.quotaMet}/${s.schools}`} hint={s.membersAverage === null ? undefined : `成员校平均 ${s.membersAverage} 分`} />
      </View>
      <Card title='各校得分（捆绑考核）' testId='report-chart'>
        {report.schools.map((row) => (
          <Bar
            key={row.school.id}
            label={row.school.name}
            tag={schoolTag(row)}
            value={`${row.bundled} 分`}
            width={barWidth(row.bundled, 100)}
            testId={`bar-${row.school.id}`}
            onClick={() => openSchool(row.school.id)}
          />
        ))}
      </Card>
      <Card title='各校教师出勤率'>
        {report.schools.map((row) => (
          <Bar
            key={row.school.id}
            label={row.school.name}
            value={percent(row.attendance.rate)}
            width={barWidth(row.attendance.rate, 1)}
            tone={row.attendance.rate !== null && row.attendance.rate < report.threshold / 100 ? 'warn' : 'accent'}
          />
        ))}
      </Card>
      <Card title='出勤率月度走势'>
        <Trend points={report.trend} />
      </Card>
      {report.observationCoverage ? <ObservationCoverageCard coverage={report.observationCoverage} /> : null}
      <Text className='section-title'>各校指标</Text>
      {report.schools.map((row) => (
        <View key={row.school.id} className='card rp-school' data-testid={`school-${row.school.id}`} onClick={() => openSchool(row.school.id)}>
          <View className='rp-school__head'>
            <Text className='card__title'>{row.school.name}</Text>
            <Text className={`badge badge--${row.quota.met ? 'ok' : 'warn'}`}>{row.quota.met ? '指标达标' : '指标未达标'}</Text>
          </View>
          <View className='rp-grid'>
            <Text>联合教研 线上 {row.jointResearch.online}/{row.jointResearch.onlineTarget}</Text>
            <Text>线下 {row.jointResearch.offline}/{row.jointResearch.offlineTarget}</Text>
            <Text>师徒结对 {row.mentorPairs}/{row.mentorPairsTarget}</Text>
            <Text>出勤率 {percent(row.attendance.rate)}</Text>
            <Text>贡献度 主办 {row.contribution.hosted} 场 · 外校 {row.contribution.visitors} 人次</Text>
            <Text>执行力 {row.execution.held}/{row.execution.due}（{percent(row.execution.rate)}）</Text>
          </View>
          <Text className='muted rp-school__score'>
            自身 {row.score.total} 分（指标 {row.score.quota} · 出勤 {row.score.attendance} · 贡献 {row.score.contribution} · 执行 {row.score.execution}）· 捆绑 {row.bundled} 分 · 较上学期 {signed(row.change)}
          </Text>
        </View>
      ))}
      <FederationExchangesCard exchanges={report.exchanges} names={new Map(report.schools.map((r) => [r.school.id, r.school.name]))} />
      <Text className='muted rp-note'>
        自身得分 = 指标完成率×{report.weights.quota} + 出勤率×{report.weights.attendance} + 贡献度×{report.weights.contribution} + 执行力×{report.weights.execution}；核心校捆绑得分 = 自身×
        {Math.round(report.rules.coreSchoolWeight * 100)}% + 成员校平均×{Math.round((1 - report.rules.coreSchoolWeight) * 100)}%。
      </Text>
    </View>
  );
}

function SchoolView({ report, threshold, setThreshold }: { report: SchoolReport; threshold: number; setThreshold: (t: number) => void }) {
  const maxKind = Math.max(1, ...report.hosted.byKind.map((k) => k.total));
  return (
    <View>
      <View className='card rp-figures' data-testid='report-summary'>
        <Figure label='主办活动' value={String(report.hosted.held)} hint={`线上 ${report.hosted.online} · 线下 ${report.hosted.offline}`} />
        <Figure label='教师出勤率' value={percent(report.attendance.rate)} hint={`${report.attendance.attended}/${report.attendance.expected} 人次`} />
        <Figure label='师徒结对 / 轮岗' value={`${report.mentorship.mentorPairs}/${report.mentorship.rotations}`} hint={schoolYearLabel(report.mentorship.year)} />
        <Figure label='家长学校活动' value={`${report.parentSchool.held}/${report.parentSchool.target}`} hint={report.parentSchool.met ? '已达标' : '未达标'} />
      </View>
      <Card title='主办活动（按类型）' testId='report-chart'>
        {report.hosted.byKind.length === 0 ? <Text className='muted'>本学期还没有举办活动</Text> : null}
        {report.hosted.byKind.map((k) => (
          <Bar key={k.kind} label={SESSION_KIND_LABELS[k.kind]} value={`线上 ${k.online} · 线下 ${k.offline}`} width={barWidth(k.total, maxKind)} testId={`bar-${k.kind}`} />
        ))}
        {report.hosted.cancelled || report.hosted.upcoming ? (
          <Text className='muted'>
            另有取消 {report.hosted.cancelled} 场，未开始 {report.hosted.upcoming} 场
          </Text>
        ) : null}
        {report.hosted.autoClosed ? (
          <Text className='muted' data-testid='report-auto-closed'>
            其中 {report.hosted.autoClosed} 场未手动结束，已自动关闭（缺席按参与范围记录）
          </Text>
        ) : null}
      </Card>
      <Card title='出勤率月度走势'>
        <Trend points={report.trend} />
      </Card>
      <Card title={`出勤率低于 ${threshold}% 的教师（${report.belowThreshold.length}）`} testId='report-below'>
        <View className='choices rp-thresholds'>
          {THRESHOLDS.map((t) => (
            <View key={t} className={`choices__item${t === threshold ? ' choices__item--on' : ''}`} onClick={() => setThreshold(t)}>
              <Text>{t}%</Text>
            </View>
          ))}
        </View>
        {report.belowThreshold.length === 0 ? <Text className='muted'>没有低于阈值的教师</Text> : null}
        {report.belowThreshold.map((t) => (
          <Bar key={t.userId} label={t.name} value={`${percent(t.rate)}（缺 ${t.absent}）`} width={barWidth(t.rate, 1)} tone='warn' />
        ))}
      </Card>
      <Card title='校长、主任听课'>
        {report.observations.length === 0 ? <Text className='muted'>没有设置听课目标的人员</Text> : null}
        {report.observations.map((o) => (
          <Bar
            key={o.userId}
            label={`${o.name} · ${POSITION_LABELS[o.position]}`}
            value={`${o.count}/${o.target} 节`}
            width={barWidth(o.count, o.target)}
            tone={o.met ? 'primary' : 'warn'}
          />
        ))}
      </Card>
      <Card title='家长学校活动'>
        {report.parentSchool.sessions.length === 0 ? <Text className='muted'>本学期还没有家长学校活动</Text> : null}
        {report.parentSchool.sessions.map((s) => (
          <View key={s.id} className='rp-line'>
            <Text>{s.title}</Text>
            <Text className='muted'>{formatDay(s.startAt)}</Text>
          </View>
        ))}
      </Card>
      <SchoolExchangesCard exchanges={report.exchanges} />
    </View>
  );
}

function DistrictView({ report, open }: { report: DistrictReport; open: (scope: ReportScope) => void }) {
  if (report.federations.length === 0) return <EmptyState title='还没有校联体' hint='创建校联体后，这里会显示各校联体的考核结果' />;
  return (
    <View>
      <Card title='各校联体捆绑考核得分' testId='report-chart'>
        {report.federations.map((f) => (
          <Bar
            key={f.federation.id}
            label={f.federation.name}
            value={`${f.summary.bundledScore} 分（${signed(f.summary.change)}）`}
            width={barWidth(f.summary.bundledScore, 100)}
            testId={`bar-${f.federation.id}`}
            onClick={() => open({ kind: 'federation', id: f.federation.id })}
          />
        ))}
      </Card>
      <Card title='全区出勤率月度走势'>
        <Trend points={report.trend} />
      </Card>
      {report.federations.map((f) => (
        <Card key={f.federation.id} title={`${f.federation.name} · 出勤率 ${percent(f.summary.attendance.rate)} · 达标 ${f.summary.quotaMet}/${f.summary.schools}`}>
          {f.schools.map((row) => (
            <Bar
              key={row.school.id}
              label={row.school.name}
              tag={schoolTag(row)}
              value={`${row.bundled} 分`}
              width={barWidth(row.bundled, 100)}
              onClick={() => open({ kind: 'school', id: row.school.id })}
            />
          ))}
          <DistrictExchangesLine exchanges={f.exchanges} testId={`exchanges-${f.federation.id}`} />
        </Card>
      ))}
    </View>
  );
}

function titleOf(data: Loaded): string {
  if (data.kind === 'school') return data.report.school.name;
  if (data.kind === 'federation') return data.report.federation.name;
  return '全区';
}

const noPeople = (c: { cadres: number; backbone: number; shadow: number }) => c.cadres + c.backbone + c.shadow === 0;

function isEmpty(data: Loaded): boolean {
  if (data.kind === 'school') {
    const { hosted, attendance, exchanges } = data.report;
    return hosted.held + hosted.cancelled + hosted.upcoming === 0 && attendance.expected === 0 && noPeople(exchanges.sent) && noPeople(exchanges.received);
  }
  if (data.kind === 'federation') {
    const { summary, exchanges } = data.report;
    return summary.sessionsHeld === 0 && summary.attendance.expected === 0 && noPeople({ cadres: exchanges.cadres.done, backbone: exchanges.backbone.done, shadow: exchanges.shadow });
  }
  return false;
}

export default function ReportsPage() {
  const user = useSessionUser();
  const { params } = useRouter();
  const scope = useMemo(() => defaultScope(user, { scope: params.scope, id: params.id }), [user, params.scope, params.id]);
  const semesters = useMemo(() => semesterOptions(new Date()), []);
  const [semester, setSemester] = useState(params.semester ?? semesters[0] ?? '');
  const [threshold, setThreshold] = useState(DEFAULT_ATTENDANCE_THRESHOLD);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [exporting, setExporting] = useState<ExportFormat | null>(null);

  const load = useCallback(async () => {
    if (!scope) return;
    setState({ kind: 'loading' });
    try {
      const data: Loaded =
        scope.kind === 'school'
          ? { kind: 'school', report: await getSchoolReport(scope.id, semester, threshold) }
          : scope.kind === 'federation'
            ? { kind: 'federation', report: await getFederationReport(scope.id, semester) }
            : { kind: 'district', report: await getDistrictReport(semester) };
      setState({ kind: 'ready', data });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '报表加载失败，请重试') });
    }
  }, [scope, semester, threshold]);

  useEffect(() => {
    void load();
  }, [load]);

  const open = (next: ReportScope) =>
    void Taro.navigateTo({ url: `/packages/reports/index?scope=${next.kind}${next.kind === 'district' ? '' : `&id=${next.id}`}&semester=${semester}` });

  const exportAs = async (format: ExportFormat) => {
    if (!scope || state.kind !== 'ready' || exporting) return;
    setExporting(format);
    try {
      await downloadExport(reportExportPath(scope, semester, format, scope.kind === 'school' ? threshold : undefined), format, fileBase(titleOf(state.data), semester));
      void Taro.showToast({ title: '已导出', icon: 'success' });
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error, '导出失败，请稍后重试'), icon: 'none' });
    } finally {
      setExporting(null);
    }
  };

  const busy = exporting !== null || state.kind !== 'ready';

  if (!scope) {
    return (
      <View className='rp-page'>
        <EmptyState title='没有可查看的报表' hint='学校、校联体或教体局管理员可以查看报表' />
      </View>
    );
  }

  return (
    <View className='rp-page' data-testid='reports-page'>
      <View className='rp-header'>
        <Text className='rp-header__title' data-testid='report-title'>
          {state.kind === 'ready' ? titleOf(state.data) : scope.kind === 'district' ? '全区' : ''} 考勤与考核报表
        </Text>
        <ScrollView scrollX className='rp-semesters'>
          {semesters.map((s) => (
            <View
              key={s}
              className={`choices__item rp-semester${s === semester ? ' choices__item--on' : ''}`}
              data-testid={`semester-${s}`}
              onClick={() => setSemester(s)}
            >
              <Text>{shortSemester(s)}</Text>
            </View>
          ))}
        </ScrollView>
        <View className='rp-exports'>
          <Button className={`btn btn--secondary btn--small${busy ? ' btn--disabled' : ''}`} data-testid='report-export-xlsx' onClick={() => void exportAs('xlsx')}>
            {exporting === 'xlsx' ? '正在导出…' : '导出 Excel'}
          </Button>
          <Button className={`btn btn--secondary btn--small${busy ? ' btn--disabled' : ''}`} data-testid='report-export-csv' onClick={() => void exportAs('csv')}>
            {exporting === 'csv' ? '正在导出…' : '导出 CSV'}
          </Button>
        </View>
      </View>
      {state.kind === 'loading' ? <Text className='loading-text'>正在统计…</Text> : null}
      {state.kind === 'failed' ? <LoadFailed title='报表加载失败' message={state.message} onRetry={() => void load()} testId='report-failed' /> : null}
      {state.kind === 'ready' && isEmpty(state.data) ? (
        <View className='card' data-testid='report-empty'>
          <EmptyState title='本学期还没有数据' hint='活动举办、教师签到后，这里会显示统计结果' />
        </View>
      ) : null}
      {state.kind === 'ready' && !isEmpty(state.data) && state.data.kind === 'federation' ? (
        <FederationView report={state.data.report} openSchool={(id) => open({ kind: 'school', id })} />
      ) : null}
      {state.kind === 'ready' && !isEmpty(state.data) && state.data.kind === 'school' ? (
        <SchoolView report={state.data.report} threshold={threshold} setThreshold={setThreshold} />
      ) : null}
      {state.kind === 'ready' && state.data.kind === 'district' ? <DistrictView report={state.data.report} open={open} /> : null}
    </View>
  );
}
