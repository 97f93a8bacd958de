import { useCallback, useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import * as z from 'zod/mini';
import { CAMPAIGN_DESCRIPTION_MAX, CAMPAIGN_PERIOD_LABELS, CAMPAIGN_PERIODS, CAMPAIGN_TITLE_MAX, CampaignInput, type CampaignPeriod, type FederationWithSchools, type User } from '@lianyan/shared';
import { Choices, FormField, SwitchRow, TextField } from '@/components/FormField';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { useSessionUser } from '@/hooks/useSessionUser';
import { createCampaign } from '@/services/campaigns';
import { listFederations } from '@/services/federations';
import { ApiError } from '@/services/request';
import { errorMessage } from '@/utils/labels';
import { toDateInput } from '@/utils/time';
import { hostSchoolsFor, sortSchools } from '../../organizer/parts/scope';
import { CHECKIN_PAGES } from '../parts/model';
import '../parts/checkin.scss';

type AudienceType = 'federation' | 'schools' | 'parents';
type ArchiveChoice = 'none' | 'reading' | 'training' | 'other';
type LoadState = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; federations: FederationWithSchools[] };
type Errors = Partial<Record<string, string>>;

const GRADES = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级'];
const ARCHIVE_OPTIONS: ReadonlyArray<{ value: ArchiveChoice; label: string }> = [
  { value: 'none', label: '不计入' },
  { value: 'reading', label: '读书学习' },
  { value: 'training', label: '培训学时' },
  { value: 'other', label: '其他' },
];
const today = () => toDateInput(new Date().toISOString());
const plusDays = (days: number) => toDateInput(new Date(Date.now() + days * 86_400_000).toISOString());

export default function EditCampaignPage() {
  const user = useSessionUser();
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const load = useCallback(async () => {
    try {
      setState({ kind: 'ready', federations: (await listFederations()).items });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '校联体加载失败，请重试') });
    }
  }, []);
  useLoad(() => void load());

  if (!user) {
    return (
      <View className='checkin-page'>
        <View className='card'>
          <EmptyState title='请先登录' hint='登录活动组织者或管理员账号后才能发起打卡。' />
        </View>
      </View>
    );
  }
  if (state.kind === 'loading') return <Text className='loading-text'>正在加载…</Text>;
  if (state.kind === 'failed') {
    return (
      <View className='checkin-page'>
        <LoadFailed title='无法加载' message={state.message} onRetry={() => void load()} />
      </View>
    );
  }
  const federation = state.federations.find((f) => hostSchoolsFor(user, f).length > 0);
  if (!federation) {
    return (
      <View className='checkin-page'>
        <View className='card'>
          <EmptyState title='没有可发起打卡的范围' hint='只有活动组织者和学校、校联体管理员可以发起打卡。' />
        </View>
      </View>
    );
  }
  return <CampaignForm user={user} federation={federation} />;
}

function CampaignForm({ user, federation }: { user: User; federation: FederationWithSchools }) {
  const schools = sortSchools(hostSchoolsFor(user, federation));
  const federationWide = schools.length === federation.schools.length;
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [audienceType, setAudienceType] = useState<AudienceType>(federationWide ? 'federation' : 'schools');
  const [schoolIds, setSchoolIds] = useState<string[]>(federationWide ? [] : schools.map((s) => s.id));
  const [grades, setGrades] = useState<string[]>([]);
  const [period, setPeriod] = useState<CampaignPeriod>('weekly');
  const [requiredCount, setRequiredCount] = useState('4');
  const [startDate, setStartDate] = useState(today());
  const [endDate, setEndDate] = useState(plusDays(30));
  const [minTextLength, setMinTextLength] = useState('20');
  const [minPhotos, setMinPhotos] = useState('0');
  const [makeupAllowance, setMakeupAllowance] = useState('1');
  const [archiveKind, setArchiveKind] = useState<ArchiveChoice>('none');
  const [hours, setHours] = useState('');
  const [remind, setRemind] = useState(true);
  const [reminderTime, setReminderTime] = useState('20:00');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const audienceOptions: ReadonlyArray<{ value: AudienceType; label: string }> = [
    ...(federationWide ? [{ value: 'federation' as const, label: '全体教师' }] : []),
    { value: 'schools', label: '选定学校的教师' },
    { value: 'parents', label: '选定学校的家长' },
  ];

  const input = () => ({
    federationId: federation.federation.id,
    title,
    description,
    audience:
      audienceType === 'federation'
        ? { type: 'federation' }
        : audienceType === 'schools'
          ? { type: 'schools', schoolIds }
          : { type: 'parents', schoolIds, ...(grades.length ? { grades } : {}) },
    period,
    requiredCount: Number(requiredCount),
    startDate,
    endDate,
    minTextLength: Number(minTextLength || 0),
    minPhotos: Number(minPhotos || 0),
    makeupAllowance: Number(makeupAllowance || 0),
    ...(archiveKind !== 'none' ? { archiveKind, ...(hours ? { hoursPerCheckIn: Number(hours) } : {}) } : {}),
    ...(remind ? { reminderTime } : {}),
  });

  const submit = async () => {
    if (busy) return;
    const parsed = CampaignInput.safeParse(input());
    if (!parsed.success) {
      const fields = z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>;
      setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v?.[0]])));
      setFormError('请检查标出的内容');
      return;
    }
    if ((audienceType !== 'federation') && schoolIds.length === 0) {
      setErrors({ audience: '请至少选择一所学校' });
      return;
    }
    setErrors({});
    setFormError('');
    setBusy(true);
    try {
      const campaign = await createCampaign(parsed.data);
      void Taro.showToast({ title: '已发起', icon: 'success' });
      await Taro.redirectTo({ url: `${CHECKIN_PAGES.completion}?id=${encodeURIComponent(campaign.id)}` });
    } catch (error) {
      if (error instanceof ApiError) setErrors(Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k, v[0]])));
      setFormError(errorMessage(error, '发起失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='checkin-page' data-testid='campaign-form'>
      <View className='card'>
        <TextField label='标题' name='title' testId='campaign-title' error={errors.title} value={title} max={CAMPAIGN_TITLE_MAX} placeholder='如：每月师德学习' onInput={setTitle} />
        <TextField
          label='说明（可选）'
          name='description'
          testId='campaign-description'
          error={errors.description}
          value={description}
          max={CAMPAIGN_DESCRIPTION_MAX}
          multiline
          placeholder='学习内容、打卡要求等'
          onInput={setDescription}
        />
        <FormField label='参与对象' name='audience' error={errors.audience}>
          <Choices name='campaign-audience' options={audienceOptions} selected={audienceType} onSelect={setAudienceType} />
          {audienceType !== 'federation' ? (
            <Choices name='campaign-school' options={schools.map((s) => ({ value: s.id, label: s.name }))} selected={schoolIds} onSelect={(v) => setSchoolIds(toggle(schoolIds, v))} />
          ) : null}
          {audienceType === 'parents' ? (
            <Choices name='campaign-grade' options={GRADES.map((g) => ({ value: g, label: g }))} selected={grades} onSelect={(v) => setGrades(toggle(grades, v))} />
          ) : null}
        </FormField>
      </View>
      <View className='card'>
        <FormField label='打卡周期' name='period' error={errors.period}>
          <Choices name='campaign-period' options={CAMPAIGN_PERIODS.map((p) => ({ value: p, label: CAMPAIGN_PERIOD_LABELS[p] }))} selected={period} onSelect={setPeriod} />
        </FormField>
        <FormField label='开始日期' name='startDate' error={errors.startDate}>
          <Picker mode='date' value={startDate} onChange={(e) => setStartDate(String(e.detail.value))}>
            <View className='picker-value'>{startDate}</View>
          </Picker>
        </FormField>
        <FormField label='结束日期' name='endDate' error={errors.endDate}>
          <Picker mode='date' value={endDate} onChange={(e) => setEndDate(String(e.detail.value))}>
            <View className='picker-value'>{endDate}</View>
          </Picker>
        </FormField>
        <FormField label='要求打卡次数' name='requiredCount' error={errors.requiredCount} hint='整个活动期间至少打卡几次（每期最多一次）'>
          <Input className='input' type='number' value={requiredCount} onInput={(e) => setRequiredCount(e.detail.value)} />
        </FormField>
      </View>
      <View className='card'>
        <FormField label='每次至少字数' name='minTextLength' error={errors.minTextLength}>
          <Input className='input' type='number' value={minTextLength} onInput={(e) => setMinTextLength(e.detail.value)} />
        </FormField>
        <FormField label='每次至少照片数' name='minPhotos' error={errors.minPhotos}>
          <Input className='input' type='number' value={minPhotos} onInput={(e) => setMinPhotos(e.detail.value)} />
        </FormField>
        <FormField label='补卡次数' name='makeupAllowance' error={errors.makeupAllowance} hint='每人最多可为错过的几期补卡'>
          <Input className='input' type='number' value={makeupAllowance} onInput={(e) => setMakeupAllowance(e.detail.value)} />
        </FormField>
        <FormField label='计入成长档案' name='archiveKind' error={errors.archiveKind ?? errors.hoursPerCheckIn}>
          <Choices name='campaign-archive' options={ARCHIVE_OPTIONS} selected={archiveKind} onSelect={setArchiveKind} />
          {archiveKind !== 'none' ? <Input className='input' type='digit' value={hours} placeholder='每次计入学时（可不填）' onInput={(e) => setHours(e.detail.value)} /> : null}
        </FormField>
        <FormField label='提醒未打卡的人' name='reminderTime' error={errors.reminderTime} hint='通过微信订阅消息提醒本期还没打卡的人'>
          <SwitchRow label={remind ? '提醒时间' : '不提醒'} checked={remind} testId='campaign-remind' onChange={setRemind}>
            {remind ? (
              <Picker mode='time' value={reminderTime} onChange={(e) => setReminderTime(String(e.detail.value))}>
                <View className='picker-value'>{reminderTime}</View>
              </Picker>
            ) : null}
          </SwitchRow>
        </FormField>
      </View>
      {formError ? (
        <Text className='form-error' data-testid='campaign-form-error'>
          {formError}
        </Text>
      ) : null}
      <View className='actions'>
        <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='campaign-submit' onClick={() => void submit()}>
          {busy ? '正在提交…' : '发起打卡'}
        </Button>
      </View>
    </View>
  );
}
