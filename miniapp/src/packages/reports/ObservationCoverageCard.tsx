import { Text, View } from '@tarojs/components';
import type { FederationCoverage } from '@lianyan/shared';
import { barWidth, leadersByUrgency, percent } from './model';
import { Bar, Card } from './parts';

/** 听评课覆盖率 per school and the school leaders' observations against their targets (30 / 40). */
export function ObservationCoverageCard({ coverage }: { coverage: FederationCoverage }) {
  const leaders = leadersByUrgency(coverage.leaders);
  return (
    <Card title={`听评课覆盖率 ${percent(coverage.rate)}（${coverage.observed}/${coverage.teachers} 人）`} testId='report-observation-coverage'>
      {coverage.schools.length === 0 ? <Text className='muted'>校联体还没有学校</Text> : null}
      {coverage.schools.map((s) => (
        <Bar
          key={s.schoolId}
          label={s.schoolName}
          tag={s.isCore ? '核心校' : undefined}
          value={`${percent(s.rate)}（${s.observed}/${s.teachers}）`}
          width={barWidth(s.rate, 1)}
          tone={s.rate < 1 ? 'warn' : 'accent'}
          testId={`coverage-${s.schoolId}`}
        />
      ))}
      <View className='rp-subhead'>
        <Text className='card__title'>校长、主任听课</Text>
        <Text className='muted'>
          达标 {coverage.leadersMet}/{coverage.leaders.length} · 按计划 {coverage.leadersOnTrack}
        </Text>
      </View>
      {leaders.length === 0 ? <Text className='muted'>没有设置听课目标的人员</Text> : null}
      {leaders.map((l) => (
        <Bar
          key={`${l.schoolId}-${l.id}`}
          label={`${l.name} · ${l.position}`}
          tag={l.schoolName}
          value={`${l.count}/${l.target} 节${!l.met && !l.onTrack ? ' · 落后' : ''}`}
          width={barWidth(l.count, l.target)}
          tone={l.met ? 'primary' : 'warn'}
          testId={`leader-${l.id}`}
        />
      ))}
    </Card>
  );
}
