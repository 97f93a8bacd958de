import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { ATTENDANCE_FLAG_LABELS, SESSION_KIND_LABELS, zeroHoursReason, type Attendance, type Session } from '@lianyan/shared';
import { getSession, type SessionDetail } from '@/services/sessions';
import { errorMessage, hoursLabel, myStatusBadge, SESSION_STATUS_BADGES } from '@/utils/labels';
import { recordsPageUrl } from '@/utils/links';
import { formatClock, formatDateTime, formatRange } from '@/utils/time';
import { EVALUATED_KINDS } from './evaluation';
import { EvaluationPanel } from './EvaluationPanel';
import { codePurpose } from './code';
import { CodeSignIn } from './CodeSignIn';
import './index.scss';
import { LoadFailed } from '@/components/LoadFailed';
import { PrivacySheet } from '@/components/PrivacySheet';
import { copyText } from '@/platform/clipboard';

type LoadState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; detail: SessionDetail };

const MINUTE = 60_000;
const shift = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * MINUTE).toISOString();

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='detail-row'>
      <Text className='detail-row__label'>{label}</Text>
      <Text className='detail-row__value'>{value}</Text>
    </View>
  );
}

function SessionInfo({ session }: { session: Session }) {
  const status = SESSION_STATUS_BADGES[session.status];
  const { signIn } = session;
  return (
    <View className='card'>
      <View className='detail-head'>
        <Text className='tag'>{SESSION_KIND_LABELS[session.kind]}</Text>
        <Text className={`badge badge--${status.tone}`}>{status.label}</Text>
      </View>
      <Text className='detail-title' data-testid='session-title'>
        {session.title}
      </Text>
      <Row label='时间' value={formatRange(session.startAt, session.endAt)} />
      <Row label='地点' value={session.mode === 'online' ? '线上活动' : (session.venue?.name ?? '—')} />
      {session.subject || session.grade ? <Row label='学科年级' value={[session.subject, session.grade].filter(Boolean).join(' · ')} /> : null}
      <Row label='签到时间' value={`${formatDateTime(shift(session.startAt, -signIn.opensBeforeMin))} 起`} />
      <Row label='迟到' value={`${formatClock(shift(session.startAt, signIn.lateAfterMin))} 后签到记为迟到`} />
      <Row label='签退' value={session.signOutRequired ? '需要扫码签退' : '无需签退'} />
      <Row label='学时' value={hoursLabel(session.creditHours)} />
      {session.speaker ? <Row label='主讲' value={session.speaker} /> : null}
      {session.mode === 'online' && session.onlineUrl ? <Row label='直播链接' value={session.onlineUrl} /> : null}
      {session.status === 'cancelled' && session.cancelReason ? <Row label='取消原因' value={session.cancelReason} /> : null}
    </View>
  );
}

/** Slides and video links: the API sends them only to those who attended (and to managers). */
function MaterialsCard({ materials }: { materials: NonNullable<Session['materials']> }) {
  return (
    <View className='card' data-testid='session-materials'>
      <Text className='card__title'>讲座资料</Text>
      {materials.map((m) => (
        <View key={m.url} className='detail-row' onClick={() => void copyText(m.url)}>
          <Text className='detail-row__label'>{m.kind === 'video' ? '视频' : m.kind === 'slides' ? '课件' : '链接'}</Text>
          <Text className='detail-row__value'>{m.title}（点击复制链接）</Text>
        </View>
      ))}
    </View>
  );
}

function LessonCard({ lesson }: { lesson: NonNullable<Session['lesson']> }) {
  return (
    <View className='card lesson-card' data-testid='lesson-info'>
      <Text className='card__title'>授课信息</Text>
      <Row label='授课教师' value={lesson.teacherName} />
      <Row label='班级' value={lesson.className} />
      <Row label='课题' value={lesson.topic} />
    </View>
  );
}

const ATTENDED = ['on_time', 'late', 'left_early'];

function MyRecord({ mine, session }: { mine: Attendance | undefined; session: Session }) {
  // 0 学时 says why once the hours are settled (signed out, or the session closed).
  const settled = !!mine && ATTENDED.includes(mine.status) && (!!mine.signedOutAt || session.status === 'closed');
  const why = settled && mine?.creditedHours === 0 ? zeroHoursReason(mine.status, session.creditRule) : '';
  const badge = myStatusBadge(mine);
  return (
    <View className='card' data-testid='my-record'>
      <View className='detail-head'>
        <Text className='card__title'>我的签到</Text>
        <Text className={`badge badge--${badge.tone}`} data-testid='my-record-status'>
          {badge.label}
        </Text>
      </View>
      {mine ? (
        <View>
          <Row label='签到' value={mine.signedInAt ? formatDateTime(mine.signedInAt) : '—'} />
          <Row label='签退' value={mine.signedOutAt ? formatDateTime(mine.signedOutAt) : '—'} />
          <Row label='认定学时' value={hoursLabel(mine.creditedHours)} />
          {why ? (
            <Text className='muted' data-testid='my-record-hours-why'>
              {why}
            </Text>
          ) : null}
          {mine.flags.length > 0 ? (
            <View className='detail-flags'>
              {mine.flags.map((flag) => (
                <Text key={flag} className='tag'>
                  {ATTENDANCE_FLAG_LABELS[flag]}
                </Text>
              ))}
            </View>
          ) : null}
        </View>
      ) : (
        <Text className='muted'>到场后扫描活动现场大屏上的二维码即可签到。</Text>
      )}
    </View>
  );
}

export default function SessionDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [state, setState] = useState<LoadState>({ kind: 'loading' });

  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', detail: await getSession(id) });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '活动加载失败，请重试') });
    }
  }, [id]);

  useDidShow(() => {
    void load();
  });

  if (state.kind === 'loading') {
    return (
      <View className='detail-page'>
        <Text className='loading-text'>正在加载…</Text>
      </View>
    );
  }
  if (state.kind === 'failed') {
    return (
      <View className='detail-page'>
        <LoadFailed title='无法打开活动' message={state.message} onRetry={() => void load()} />
      </View>
    );
  }
  const { session, mine, canManage } = state.detail;
  const codeFor = codePurpose(session, mine, Date.now());
  return (
    <View className='detail-page' data-testid='session-detail'>
      <PrivacySheet />
      <SessionInfo session={session} />
      {session.lesson ? <LessonCard lesson={session.lesson} /> : null}
      {session.materials?.length ? <MaterialsCard materials={session.materials} /> : null}
      <MyRecord mine={mine} session={session} />
      {codeFor ? <CodeSignIn session={session} purpose={codeFor} /> : null}
      {session.lesson && EVALUATED_KINDS.includes(session.kind) ? <EvaluationPanel session={session} mine={mine} canManage={canManage} /> : null}
      {mine?.signedInAt ? (
        <View className='actions'>
          <Button
            className='btn btn--secondary'
            data-testid='open-reflection'
            onClick={() =>
              void Taro.navigateTo({ url: `/packages/records/reflection/index?id=${encodeURIComponent(session.id)}&title=${encodeURIComponent(session.title)}` })
            }
          >
            活动心得
          </Button>
        </View>
      ) : null}
      {canManage ? (
        <View className='actions'>
          <Button
            className='btn btn--secondary'
            onClick={() => void Taro.navigateTo({ url: `/packages/organizer/roster/index?id=${encodeURIComponent(session.id)}` })}
          >
            管理本活动
          </Button>
          {session.status === 'published' || session.status === 'closed' ? (
            <Button className='btn btn--secondary' data-testid='open-records' onClick={() => void Taro.navigateTo({ url: recordsPageUrl(session.id) })}>
              活动档案
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
