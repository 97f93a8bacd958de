import { Text, View } from '@tarojs/components';
import type { ExchangeQuotaLine, FederationExchanges, SchoolExchanges } from '@lianyan/shared';
import { countsText, exchangesMet, quotaText } from './model';

// 交流轮岗 on the reports page (issue 16): the federation's quota lines and each school's people sent and received.

function QuotaRow({ label, line, testId }: { label: string; line: ExchangeQuotaLine; testId: string }) {
  return (
    <View className='rp-line' data-testid={testId}>
      <Text>{label}</Text>
      <Text>
        {quotaText(line)} <Text className={`badge badge--${line.met ? 'ok' : 'warn'}`}>{line.met ? '达标' : '未达标'}</Text>
      </Text>
    </View>
  );
}

/** The federation's quota for the semester, then a line per school (names from the report's rows). */
export function FederationExchangesCard({ exchanges, names }: { exchanges: FederationExchanges; names: Map<string, string> }) {
  return (
    <View className='card' data-testid='report-exchanges'>
      <Text className='card__title'>交流轮岗（本学期）</Text>
      <QuotaRow label='校干挂职交流' line={exchanges.cadres} testId='report-exchanges-cadres' />
      <QuotaRow label='骨干教师支教、走教' line={exchanges.backbone} testId='report-exchanges-backbone' />
      <View className='rp-line'>
        <Text>跟岗学习 {exchanges.shadow} 人</Text>
        <Text className={exchanges.awaitingAssessment ? 'rp-warn' : 'muted'}>待考核 {exchanges.awaitingAssessment}</Text>
      </View>
      {exchanges.schools.map((s) => (
        <View key={s.schoolId} className='rp-exchange-school' data-testid={`report-exchanges-${s.schoolId}`}>
          <Text className='rp-exchange-school__name'>{names.get(s.schoolId) ?? s.schoolId}</Text>
          <Text className='muted'>派出：{countsText(s.sent)}</Text>
          <Text className='muted'>接收：{countsText(s.received)}</Text>
        </View>
      ))}
      <Text className='muted rp-exchange-note'>按交流名单统计，期间与本学期有交集即计入，同一人只计一次；支教与走教合计为骨干教师，跟岗不计入指标。</Text>
    </View>
  );
}

/** A school's people sent and received this semester. */
export function SchoolExchangesCard({ exchanges }: { exchanges: SchoolExchanges }) {
  return (
    <View className='card' data-testid='report-exchanges'>
      <Text className='card__title'>交流轮岗（本学期）</Text>
      <View className='rp-line' data-testid='report-exchanges-sent'>
        <Text>派出</Text>
        <Text>{countsText(exchanges.sent)}</Text>
      </View>
      <View className='rp-line' data-testid='report-exchanges-received'>
        <Text>接收</Text>
        <Text>{countsText(exchanges.received)}</Text>
      </View>
      {exchanges.awaitingAssessment ? <Text className='rp-warn'>待考核 {exchanges.awaitingAssessment} 人次</Text> : null}
    </View>
  );
}

/** One line of a federation in the district view. */
export function DistrictExchangesLine({ exchanges, testId }: { exchanges: FederationExchanges; testId: string }) {
  return (
    <View className='rp-line' data-testid={testId}>
      <Text>
        交流轮岗 挂职 {quotaText(exchanges.cadres)} · 支教走教 {quotaText(exchanges.backbone)}
      </Text>
      <Text className={`badge badge--${exchangesMet(exchanges) ? 'ok' : 'warn'}`}>{exchangesMet(exchanges) ? '达标' : '未达标'}</Text>
    </View>
  );
}
