import { useCallback, useState } from 'react';
import { Button, Input, Picker, Switch, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import {
  SESSION_KIND_LABELS,
  SESSION_KINDS,
  TRANSITION_TOPIC_LABELS,
  TRANSITION_TOPICS,
  type FederationWithSchools,
  type GeofenceMode,
  type TransitionTopic,
  type User,
} from '@lianyan/shared';
import { EmptyState } from '../../../components/EmptyState';
import { useSessionUser } from '../../../hooks/useSessionUser';
import { mapPicker } from '../../../platform/map-picker';
import { getFederation } from '../../../services/federations';
import { ApiError } from '../../../services/request';
import { createSession, getSession, listSessions, publishSession, updateSession } from '../../../services/sessions';
import { errorMessage } from '../../../utils/labels';
import { Choices, FormField } from '../../../components/FormField';
import { federationIdsOf, sessionHostSchools, sortSchools } from '../parts/scope';
import {
  asEdit,
  defaultForm,
  firstErrors,
  formFromSession,
  isFamilyKind,
  LESSON_KINDS,
  MAX_MATERIALS,
  takesRegistrations,
  validateForm,
  pastStartWarning,
  withStartDate,
  type CreditMode,
  type DeadlineField,
  type FieldErrors,
  type MaterialKind,
  type MaterialRow,
  type SessionForm,
} from './form';
import '../parts/form.scss';
import { AudienceField } from './Audience';
import { LessonScaleField } from './LessonScale';
import './index.scss';
import { LoadFailed } from '../../../components/LoadFailed';
import { THEME_PRIMARY } from '../../../styles/theme';
import { PrivacySheet } from '../../../components/PrivacySheet';

type LoadState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; federations: FederationWithSchools[]; federationId: string; editingStatus?: string; savedStartAt?: string };

const MODE_OPTIONS = [
  { value: 'offline', label: '线下' },
  { value: 'online', label: '线上' },
] as const;
const GEOFENCE_OPTIONS: ReadonlyArray<{ value: GeofenceMode; label: string }> = [
  { value: 'off', label: '不检查' },
  { value: 'flag', label: '仅标记' },
  { value: 'reject', label: '拒绝' },
];
const CREDIT_OPTIONS: ReadonlyArray<{ value: CreditMode; label: string }> = [
  { value: 'proportional', label: '按在场时长' },
  { value: 'full_or_none', label: '全程才计' },
];
const KIND_LABELS = SESSION_KINDS.map((kind) => SESSION_KIND_LABELS[kind]);
const TOPIC_OPTIONS: ReadonlyArray<{ value: TransitionTopic | ''; label: string }> = [
  { value: '', label: '无' },
  ...TRANSITION_TOPICS.map((topic) => ({ value: topic, label: TRANSITION_TOPIC_LABELS[topic] })),
];
const MATERIAL_KIND_OPTIONS: ReadonlyArray<{ value: MaterialKind; label: string }> = [
  { value: 'slides', label: '课件' },
  { value: 'video', label: '视频' },
  { value: 'link', label: '链接' },
];

// After the invalid fields render: the first of them may be far above the buttons.
function scrollToFirstError() {
  setTimeout(() => {
    Taro.pageScrollTo({ selector: '.form-field--invalid', duration: 200 }).catch(() => undefined);
  }, 50);
}

type TextKey = { [K in keyof SessionForm]: SessionForm[K] extends string ? K : never }[keyof SessionForm];

function pickerIndex(event: { detail: { value: unknown } }): number {
  return Number(event.detail.value);
}

async function loadFederations(user: User, federationId?: string): Promise<FederationWithSchools[]> {
  const ids = federationId ? [federationId] : federationIdsOf(user, (await listSessions()).items);
  return Promise.all(ids.map((id) => getFederation(id)));
}

export default function EditSessionPage() {
  const user = useSessionUser();
  const { params } = useRouter();
  const sessionId = params.id ?? '';
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [form, setForm] = useState<SessionForm>(() => defaultForm(new Date(), ''));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!user) return;
    setState({ kind: 'loading' });
    try {
      if (sessionId) {
        const { session } = await getSession(sessionId);
        const federations = await loadFederations(user, session.federationId);
        setForm(formFromSession(session));
        setState({ kind: 'ready', federations, federationId: session.federationId, editingStatus: session.status, savedStartAt: session.startAt });
        return;
      }
      // From a 中心教研组's page (its leader): the group's federation, the group as the audience.
      const federations = await loadFederations(user, params.federationId);
      const first = federations[0];
      const host = first ? sortSchools(sessionHostSchools(user, first))[0] : undefined;
      const blank = defaultForm(new Date(), host?.id ?? '');
      setForm(params.groupId ? { ...blank, audienceType: 'group', groupId: params.groupId } : blank);
      setState({ kind: 'ready', federations, federationId: first?.federation.id ?? '' });
    } catch (error) {
      setState({ kind: 'failed', message: errorMessage(error, '加载失败，请重试') });
    }
  }, [sessionId, user, params.federationId, params.groupId]);

  useLoad(() => {
    if (sessionId) void Taro.setNavigationBarTitle({ title: '编辑活动' });
    else void Taro.setNavigationBarTitle({ title: '新建活动' });
    void load();
  });

  const set = <K extends keyof SessionForm>(key: K, value: SessionForm[K]) => setForm((current) => ({ ...current, [key]: value }));

  if (!user) {
    return (
      <View className='edit-page'>
        <View className='card'>
          <EmptyState title='请先登录' hint='登录后再创建或编辑活动。' />
        </View>
      </View>
    );
  }
  if (state.kind === 'loading') return <Text className='loading-text'>正在加载…</Text>;
  if (state.kind === 'failed' || state.federations.length === 0) {
    const message = state.kind === 'failed' ? state.message : '没有找到你可以组织活动的校联体，请联系校联体管理员。';
    return (
      <View className='edit-page'>
        <LoadFailed title='无法编辑活动' message={message} onRetry={() => void load()} />
      </View>
    );
  }

  const federation = state.federations.find((f) => f.federation.id === state.federationId) ?? state.federations[0];
  const allSchools = sortSchools(federation?.schools ?? []);
  const hostSchools = federation ? sortSchools(sessionHostSchools(user, federation)) : [];
  const hostIndex = Math.max(0, hostSchools.findIndex((s) => s.id === form.hostSchoolId));
  const isNew = !sessionId;
  const canPublish = isNew || state.editingStatus === 'draft';
  const family = isFamilyKind(form.kind);

  const chooseFederation = (id: string) => {
    const next = state.federations.find((f) => f.federation.id === id);
    if (!next) return;
    setState({ ...state, federationId: id });
    setForm((current) => ({ ...current, hostSchoolId: sortSchools(sessionHostSchools(user, next))[0]?.id ?? '', audienceSchoolIds: [] }));
  };

  const toggleSchool = (id: string) =>
    setForm((current) => ({
      ...current,
      audienceSchoolIds: current.audienceSchoolIds.includes(id)
        ? current.audienceSchoolIds.filter((s) => s !== id)
        : [...current.audienceSchoolIds, id],
    }));

  const setMaterial = (index: number, change: Partial<MaterialRow>) =>
    setForm((current) => ({ ...current, materials: current.materials.map((m, i) => (i === index ? { ...m, ...change } : m)) }));
  const addMaterial = () =>
    setForm((current) =>
      current.materials.length >= MAX_MATERIALS ? current : { ...current, materials: [...current.materials, { title: '', url: '', kind: 'slides' }] },
    );
  const removeMaterial = (index: number) => {
    setForm((current) => ({ ...current, materials: current.materials.filter((_, i) => i !== index) }));
    // Row errors are by index: after a removal they would point at the wrong rows.
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !key.startsWith('materials.'))));
  };

  // Picking one half of an unset deadline takes the other half from the start.
  const setDeadline = (field: DeadlineField, part: 'Date' | 'Time', value: string) =>
    setForm((current) => ({
      ...current,
      [`${field}Date`]: part === 'Date' ? value : current[`${field}Date`] || current.startDate,
      [`${field}Time`]: part === 'Time' ? value : current[`${field}Time`] || current.startTime,
    }));
  const resetDeadline = (field: DeadlineField) => setForm((current) => ({ ...current, [`${field}Date`]: '', [`${field}Time`]: '' }));

  const deadlineField = (field: DeadlineField, label: string) => {
    const date = form[`${field}Date`];
    const time = form[`${field}Time`];
    const isSet = Boolean(date || time);
    const valueClass = `picker-value${isSet ? '' : ' picker-value--muted'}`;
    return (
      <FormField label={label} name={field} error={errors[field]} hint={isSet ? undefined : '未设置：与活动开始时间相同。'}>
        <View className='row'>
          <Picker mode='date' value={date || form.startDate} onChange={(e) => setDeadline(field, 'Date', String(e.detail.value))}>
            <View className={valueClass} data-testid={`edit-${field}Date`}>{date || form.startDate}</View>
          </Picker>
          <Picker mode='time' value={time || form.startTime} onChange={(e) => setDeadline(field, 'Time', String(e.detail.value))}>
            <View className={valueClass} data-testid={`edit-${field}Time`}>{time || form.startTime}</View>
          </Picker>
        </View>
        {isSet ? (
          <Text className='edit-link' data-testid={`edit-${field}-reset`} onClick={() => resetDeadline(field)}>
            恢复为活动开始时间
          </Text>
        ) : null}
      </FormField>
    );
  };

  const pickOnMap = async () => {
    if (!mapPicker) return;
    try {
      const lat = Number(form.lat);
      const lng = Number(form.lng);
      const near = form.lat && form.lng && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : undefined;
      const place = await mapPicker.pick(near);
      setForm((current) => ({
        ...current,
        venueName: current.venueName || place.name,
        lat: place.lat.toFixed(6),
        lng: place.lng.toFixed(6),
      }));
    } catch {
      // Cancelled, or the map is unavailable: the coordinates can still be typed.
    }
  };

  const save = async (publish: boolean) => {
    if (busy) return;
    setFormError('');
    const validated = validateForm(form);
    if (!validated.ok) {
      setErrors(validated.errors);
      setFormError('请按标红处的提示修改后再保存');
      scrollToFirstError();
      return;
    }
    setErrors({});
    const past = pastStartWarning(validated.input.startAt, state.kind === 'ready' ? state.savedStartAt : undefined, new Date());
    if (past && !(await Taro.showModal({ title: '活动时间已过', content: past, confirmText: '仍然保存' })).confirm) return;
    setBusy(true);
    try {
      let session = sessionId ? await updateSession(sessionId, asEdit(validated.input)) : await createSession(validated.input);
      if (publish && session.status === 'draft') session = await publishSession(session.id);
      void Taro.showToast({ title: publish ? '已发布' : '已保存', icon: 'success' });
      const roster = `/packages/organizer/roster/index?id=${encodeURIComponent(session.id)}`;
      if (isNew) await Taro.redirectTo({ url: roster });
      else await Taro.navigateBack();
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError) setErrors(firstErrors(error.fieldErrors));
      setFormError(errorMessage(error, '保存失败，请稍后重试'));
      scrollToFirstError();
    }
  };

  const input = (key: TextKey, props: { placeholder?: string; type?: 'text' | 'number' | 'digit'; maxlength?: number } = {}) => (
    <Input
      className='input'
      data-testid={`edit-${key}`}
      value={form[key]}
      type={props.type ?? 'text'}
      maxlength={props.maxlength ?? 100}
      placeholder={props.placeholder ?? ''}
      onInput={(event) => set(key, event.detail.value)}
    />
  );

  return (
    <View className='edit-page' data-testid='session-edit'>
      <PrivacySheet />
      {state.federations.length > 1 && isNew ? (
        <View className='card'>
          <FormField label='校联体' name='federation'>
            <Choices
              name='federation'
              options={state.federations.map((f) => ({ value: f.federation.id, label: f.federation.name }))}
              selected={state.federationId}
              onSelect={chooseFederation}
            />
          </FormField>
        </View>
      ) : null}

      <Text className='section-title'>基本信息</Text>
      <View className='card'>
        <FormField label='活动类型' name='kind' error={errors.kind}>
          <Picker mode='selector' range={KIND_LABELS} value={SESSION_KINDS.indexOf(form.kind)} onChange={(e) => set('kind', SESSION_KINDS[pickerIndex(e)] ?? form.kind)}>
            <View className='picker-value' data-testid='edit-kind'>
              {SESSION_KIND_LABELS[form.kind]}
            </View>
          </Picker>
        </FormField>
        <FormField label='活动名称' name='title' error={errors.title}>
          {input('title', { placeholder: '例如：联合教研——课堂提问的有效性', maxlength: 60 })}
        </FormField>
        <FormField label='形式' name='mode' error={errors.mode}>
          <Choices name='edit-mode' options={MODE_OPTIONS} selected={form.mode} onSelect={(v) => set('mode', v)} />
        </FormField>
        <View className='row'>
          <FormField label='学科（可选）' name='subject' error={errors.subject}>
            {input('subject', { placeholder: '语文', maxlength: 20 })}
          </FormField>
          <FormField label='年级（可选）' name='grade' error={errors.grade}>
            {input('grade', { placeholder: '四年级', maxlength: 20 })}
          </FormField>
        </View>
        <FormField label='主办学校' name='hostSchoolId' error={errors.hostSchoolId}>
          <Picker
            mode='selector'
            range={hostSchools.map((s) => s.name)}
            value={hostIndex}
            onChange={(e) => set('hostSchoolId', hostSchools[pickerIndex(e)]?.id ?? form.hostSchoolId)}
          >
            <View className='picker-value' data-testid='edit-hostSchoolId'>
              {hostSchools[hostIndex]?.name ?? '请选择主办学校'}
            </View>
          </Picker>
        </FormField>
        {LESSON_KINDS.includes(form.kind) ? (
          <FormField label='授课信息' name='lesson' error={errors.lesson}>
            <View className='stack'>
              {input('lessonTeacherName', { placeholder: '授课教师姓名', maxlength: 32 })}
              {input('lessonClassName', { placeholder: '授课班级，例如 四年级(2)班', maxlength: 32 })}
              {input('lessonTopic', { placeholder: '课题，例如《爬山虎的脚》', maxlength: 100 })}
            </View>
          </FormField>
        ) : null}
        {LESSON_KINDS.includes(form.kind) ? (
          <LessonScaleField form={form} federationId={state.federationId} hostSchoolId={form.hostSchoolId} error={errors.scaleId} onChange={(c) => setForm((f) => ({ ...f, ...c }))} />
        ) : null}
        {family ? (
          <>
            <FormField label='主讲人（可选）' name='speaker' error={errors.speaker}>
              {input('speaker', { placeholder: '例如：周慧敏 心理健康教师', maxlength: 40 })}
            </FormField>
            <FormField label='衔接主题（可选）' name='topic' error={errors.topic} hint='家长可按主题筛选活动。'>
              <Choices name='edit-topic' options={TOPIC_OPTIONS} selected={form.topic} onSelect={(v) => set('topic', v)} />
            </FormField>
          </>
        ) : null}
      </View>

      <Text className='section-title'>时间与地点</Text>
      <View className='card'>
        <FormField label='开始' name='startAt' error={errors.startAt}>
          <View className='row'>
            <Picker mode='date' value={form.startDate} onChange={(e) => setForm((current) => withStartDate(current, String(e.detail.value)))}>
              <View className='picker-value' data-testid='edit-startDate'>{form.startDate}</View>
            </Picker>
            <Picker mode='time' value={form.startTime} onChange={(e) => set('startTime', String(e.detail.value))}>
              <View className='picker-value' data-testid='edit-startTime'>{form.startTime}</View>
            </Picker>
          </View>
        </FormField>
        <FormField label='结束' name='endAt' error={errors.endAt}>
          <View className='row'>
            <Picker mode='date' value={form.endDate} onChange={(e) => set('endDate', String(e.detail.value))}>
              <View className='picker-value' data-testid='edit-endDate'>{form.endDate}</View>
            </Picker>
            <Picker mode='time' value={form.endTime} onChange={(e) => set('endTime', String(e.detail.value))}>
              <View className='picker-value' data-testid='edit-endTime'>{form.endTime}</View>
            </Picker>
          </View>
        </FormField>
        <FormField label={form.mode === 'offline' ? '活动地点' : '活动地点（可选）'} name='venue' error={errors.venue} hint='纬度、经度用于签到范围检查（GCJ-02，与微信地图一致）。'>
          <View className='stack'>
            {input('venueName', { placeholder: '例如：明湖区实验小学 报告厅', maxlength: 100 })}
            {mapPicker ? (
              <Button className='btn btn--secondary btn--small' onClick={() => void pickOnMap()}>
                在地图上选择
              </Button>
            ) : null}
            <View className='row'>
              {input('lat', { placeholder: '纬度', type: 'digit' })}
              {input('lng', { placeholder: '经度', type: 'digit' })}
            </View>
            <View className='row'>
              {input('radiusM', { placeholder: '300', type: 'number' })}
              <Text className='row__unit'>米范围内可签到</Text>
            </View>
          </View>
        </FormField>
        {form.mode === 'online' ? (
          <FormField label='直播链接（可选）' name='onlineUrl' error={errors.onlineUrl} hint='以 http:// 或 https:// 开头。'>
            {input('onlineUrl', { placeholder: 'https://', maxlength: 500 })}
          </FormField>
        ) : null}
        <FormField label='位置检查' name='geofence' error={errors.geofence} hint='仅标记：范围外也能签到但会标为异常；拒绝：范围外不能签到。'>
          <Choices name='edit-geofence' options={GEOFENCE_OPTIONS} selected={form.geofence} onSelect={(v) => set('geofence', v)} />
        </FormField>
      </View>

      <Text className='section-title'>签到规则</Text>
      <View className='card'>
        <FormField label='签到时间（分钟）' name='signIn' error={errors.signIn}>
          <View className='stack'>
            <View className='row'>
              <Text className='row__unit'>开始前</Text>
              {input('opensBeforeMin', { type: 'number' })}
              <Text className='row__unit'>分钟开放签到</Text>
            </View>
            <View className='row'>
              <Text className='row__unit'>开始后</Text>
              {input('lateAfterMin', { type: 'number' })}
              <Text className='row__unit'>分钟记为迟到</Text>
            </View>
            <View className='row'>
              <Text className='row__unit'>结束后</Text>
              {input('closesAfterEndMin', { type: 'number' })}
              <Text className='row__unit'>分钟关闭签到</Text>
            </View>
          </View>
        </FormField>
        <FormField label='签退' name='signOutRequired' error={errors.signOutRequired}>
          <View className='switch-row'>
            <Text>需要扫码签退</Text>
            <Switch checked={form.signOutRequired} color={THEME_PRIMARY} data-testid='edit-signOutRequired' onChange={(e) => set('signOutRequired', Boolean(e.detail.value))} />
          </View>
        </FormField>
        <FormField label='学时' name='creditHours' error={errors.creditHours}>
          {input('creditHours', { type: 'digit', placeholder: '2' })}
        </FormField>
        <FormField label='学时计算' name='creditRule' error={errors.creditRule}>
          <Choices name='edit-creditMode' options={CREDIT_OPTIONS} selected={form.creditMode} onSelect={(v) => set('creditMode', v)} />
          <View className='row'>
            <Text className='row__unit'>迟到宽限</Text>
            {input('lateGraceMin', { type: 'number' })}
            <Text className='row__unit'>早退宽限</Text>
            {input('earlyLeaveGraceMin', { type: 'number' })}
            <Text className='row__unit'>分钟</Text>
          </View>
        </FormField>
        <FormField label='二维码刷新间隔（秒）' name='rotateSeconds' error={errors.rotateSeconds}>
          {input('rotateSeconds', { type: 'number', placeholder: '10' })}
        </FormField>
      </View>

      <Text className='section-title'>参与范围</Text>
      <View className='card'>
        <AudienceField
          form={form}
          federationId={federation?.federation.id ?? ''}
          schools={allSchools}
          error={errors.audience}
          onChange={(change) => setForm((current) => ({ ...current, ...change }))}
          onToggleSchool={toggleSchool}
        />
        <FormField label='人数上限（可选）' name='capacity' error={errors.capacity}>
          {input('capacity', { type: 'number', placeholder: '不限' })}
        </FormField>
        <FormField label='报名' name='registrationRequired' error={errors.registrationRequired}>
          <View className='switch-row'>
            <Text>需要提前报名</Text>
            <Switch
              checked={form.registrationRequired}
              color={THEME_PRIMARY}
              data-testid='edit-registrationRequired'
              onChange={(e) => set('registrationRequired', Boolean(e.detail.value))}
            />
          </View>
        </FormField>
        {takesRegistrations(form) ? (
          <>
            {deadlineField('registrationDeadline', '报名截止')}
            {deadlineField('cancelDeadline', '取消报名截止')}
            <FormField label='候补' name='waitlist' error={errors.waitlist} hint='设置了人数上限时有效：有人取消后，候补家长依次递补。'>
              <View className='switch-row'>
                <Text>名额满后可候补</Text>
                <Switch checked={form.waitlist} color={THEME_PRIMARY} data-testid='edit-waitlist' onChange={(e) => set('waitlist', Boolean(e.detail.value))} />
              </View>
            </FormField>
          </>
        ) : null}
      </View>

      {family ? (
        <>
          <Text className='section-title'>课件与回放</Text>
          <View className='card'>
            <FormField label='资料（可选）' name='materials' error={errors.materials} hint={`参加过活动的家长可在学习记录中查看，最多 ${MAX_MATERIALS} 份。`}>
              <View className='stack'>
                {form.materials.map((material, index) => (
                  <MaterialEditor
                    key={index}
                    index={index}
                    material={material}
                    error={errors[`materials.${index}`]}
                    onChange={(change) => setMaterial(index, change)}
                    onRemove={() => removeMaterial(index)}
                  />
                ))}
                {form.materials.length < MAX_MATERIALS ? (
                  <Button className='btn btn--secondary btn--small' data-testid='edit-material-add' onClick={addMaterial}>
                    添加资料
                  </Button>
                ) : null}
              </View>
            </FormField>
          </View>
        </>
      ) : null}

      {formError ? (
        <Text className='form-error' data-testid='edit-error'>
          {formError}
        </Text>
      ) : null}
      <View className='actions'>
        {canPublish ? (
          <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='edit-publish' onClick={() => void save(true)}>
            {busy ? '正在保存…' : '保存并发布'}
          </Button>
        ) : null}
        <Button className={`btn btn--secondary${busy ? ' btn--disabled' : ''}`} data-testid='edit-save' onClick={() => void save(false)}>
          {canPublish ? '保存为草稿' : '保存修改'}
        </Button>
      </View>
    </View>
  );
}

interface MaterialEditorProps {
  index: number;
  material: MaterialRow;
  error?: string | undefined;
  onChange: (change: Partial<MaterialRow>) => void;
  onRemove: () => void;
}

function MaterialEditor({ index, material, error, onChange, onRemove }: MaterialEditorProps) {
  return (
    <View className={`edit-material${error ? ' form-field--invalid' : ''}`} data-testid={`edit-material-${index}`}>
      <View className='edit-material__head'>
        <Text className='edit-material__number'>第 {index + 1} 份</Text>
        <Text className='edit-link edit-link--danger' data-testid={`edit-material-${index}-remove`} onClick={onRemove}>
          删除
        </Text>
      </View>
      <Input
        className='input'
        data-testid={`edit-material-${index}-title`}
        value={material.title}
        maxlength={60}
        placeholder='资料名称，例如 讲座课件'
        onInput={(event) => onChange({ title: event.detail.value })}
      />
      <Input
        className='input'
        data-testid={`edit-material-${index}-url`}
        value={material.url}
        maxlength={500}
        placeholder='链接，以 https:// 开头'
        onInput={(event) => onChange({ url: event.detail.value })}
      />
      <Choices name={`edit-material-${index}-kind`} options={MATERIAL_KIND_OPTIONS} selected={material.kind} onSelect={(kind) => onChange({ kind })} />
      {error ? (
        <Text className='error-text' data-testid={`error-material-${index}`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
