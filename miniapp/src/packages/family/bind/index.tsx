import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import * as z from 'zod/mini';
import { BindChildRequest, type BindClasses } from '@lianyan/shared';
import { CharCounter, Choices } from '@/components/FormField';
import { EmptyState } from '@/components/EmptyState';
import { LEGAL_PAGE } from '@/components/PrivacySheet';
import { useSessionUser } from '@/hooks/useSessionUser';
import { getBindClasses } from '@/services/classes';
import { bindChild } from '@/services/family';
import { ApiError } from '@/services/request';
import { errorMessage } from '@/utils/labels';
import { bindRequestOf, classChoice, classesOf, codeToLookUp, emptyForm, type Field, type Form } from './model';
import '../family.scss';

type FieldErrors = Partial<Record<Field, string>>;
type TextField = Exclude<Field, 'className'>;
type Lookup = { kind: 'idle' } | { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; found: BindClasses };

const FIELDS: ReadonlyArray<{ key: TextField; label: string; placeholder: string; maxlength: number; hint?: string }> = [
  { key: 'childName', label: '孩子姓名', placeholder: '请填写孩子的真实姓名', maxlength: 20 },
  { key: 'name', label: '您的姓名（选填）', placeholder: '学校可以看到，其他家长看不到', maxlength: 32 },
  { key: 'phone', label: '手机号（选填）', placeholder: '仅学校可见，且只显示部分号码', maxlength: 11 },
];
const ALL_FIELDS: readonly Field[] = ['inviteCode', 'childName', 'className', 'name', 'phone'];

const firstErrors = (errors: Partial<Record<string, string[]>>): FieldErrors =>
  Object.fromEntries(ALL_FIELDS.map((f) => [f, errors[f]?.[0]]).filter(([, v]) => v)) as FieldErrors;

export default function BindChild() {
  const user = useSessionUser();
  const [form, setForm] = useState<Form>(emptyForm());
  const [grade, setGrade] = useState('');
  const [lookup, setLookup] = useState<Lookup>({ kind: 'idle' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const [consent, setConsent] = useState(false);
  const [consentError, setConsentError] = useState('');
  const code = codeToLookUp(form.inviteCode);

  // The invite's school and its classes of the school year, once the whole code is typed.
  useEffect(() => {
    if (!code || !user) {
      setLookup({ kind: 'idle' });
      return;
    }
    let current = true;
    setLookup({ kind: 'loading' });
    setGrade('');
    setForm((f) => ({ ...f, className: '' }));
    getBindClasses(code).then(
      (found) => {
        if (!current) return;
        setLookup({ kind: 'ready', found });
        const choice = classChoice(found);
        if (choice.kind === 'fixed') {
          setGrade(choice.grade);
          setForm((f) => ({ ...f, className: choice.className }));
        }
      },
      (error: unknown) => current && setLookup({ kind: 'failed', message: errorMessage(error, '邀请码查询失败，请重试') }),
    );
    return () => {
      current = false;
    };
  }, [code, user]);

  if (!user) {
    return (
      <View className='family-page'>
        <View className='card'>
          <EmptyState title='请先登录' hint='登录后再填写家长邀请码绑定孩子。' />
        </View>
      </View>
    );
  }

  const choice = lookup.kind === 'ready' ? classChoice(lookup.found) : undefined;
  const canBind = choice !== undefined && choice.kind !== 'none';

  const submit = async () => {
    if (busy) return;
    setFormError('');
    if (!canBind) {
      setErrors({ inviteCode: code ? undefined : '请填写 8 位家长邀请码' });
      return;
    }
    const parsed = BindChildRequest.safeParse(bindRequestOf(form, consent));
    if (!parsed.success) {
      const fieldErrors = z.flattenError(parsed.error).fieldErrors;
      const found = firstErrors(fieldErrors);
      setConsentError(fieldErrors.guardianConsent?.[0] ?? '');
      setErrors(form.className ? found : { ...found, className: '请选择孩子的年级和班级' });
      return;
    }
    setErrors({});
    setConsentError('');
    setBusy(true);
    try {
      const bound = await bindChild(parsed.data);
      void Taro.showToast({ title: `已绑定 ${bound.children?.length ?? 1} 个孩子`, icon: 'success' });
      await Taro.reLaunch({ url: '/pages/index/index?tab=family' });
    } catch (error) {
      setBusy(false);
      const fromServer = error instanceof ApiError ? firstErrors(error.fieldErrors) : {};
      if (Object.keys(fromServer).length) setErrors(fromServer);
      setFormError(errorMessage(error, '绑定失败，请稍后重试'));
    }
  };

  const textField = (field: (typeof FIELDS)[number]) => (
    <View key={field.key} className={`form-field${errors[field.key] ? ' form-field--invalid' : ''}`}>
      <Text className='form-field__label'>{field.label}</Text>
      <Input
        className='input'
        data-testid={`family-bind-${field.key}`}
        value={form[field.key]}
        maxlength={field.maxlength}
        type={field.key === 'phone' ? 'number' : 'text'}
        placeholder={field.placeholder}
        onInput={(event) => setForm((current) => ({ ...current, [field.key]: event.detail.value }))}
      />
      {field.key === 'phone' ? null : <CharCounter value={form[field.key]} max={field.maxlength} testId={`family-bind-${field.key}`} />}
      {errors[field.key] ? <Text className='error-text'>{errors[field.key]}</Text> : field.hint ? <Text className='form-field__hint'>{field.hint}</Text> : null}
    </View>
  );

  return (
    <View className='family-page' data-testid='family-bind'>
      <View className='family-intro'>
        <Text className='family-intro__title'>绑定孩子</Text>
        <Text className='muted'>绑定后可以报名孩子学校的家庭教育讲座和家长学校活动。一个孩子最多绑定两位家长。</Text>
      </View>
      <View className='card'>
        <View className={`form-field${errors.inviteCode ? ' form-field--invalid' : ''}`}>
          <Text className='form-field__label'>家长邀请码</Text>
          <Input
            className='input input--code'
            data-testid='family-bind-inviteCode'
            value={form.inviteCode}
            maxlength={8}
            placeholder='8 位字母或数字'
            onInput={(event) => {
              const value = event.detail.value.replace(/\s+/g, '').toUpperCase();
              setForm((current) => ({ ...current, inviteCode: value }));
            }}
          />
          {errors.inviteCode ? <Text className='error-text'>{errors.inviteCode}</Text> : <Text className='form-field__hint'>由班主任或学校发放；填写后选择孩子的班级</Text>}
        </View>
        <View className={`form-field${errors.className ? ' form-field--invalid' : ''}`} data-testid='family-bind-classes'>
          <Text className='form-field__label'>班级</Text>
          {lookup.kind === 'idle' ? <Text className='form-field__hint'>填写邀请码后显示学校的班级</Text> : null}
          {lookup.kind === 'loading' ? <Text className='form-field__hint'>正在查询学校的班级…</Text> : null}
          {lookup.kind === 'failed' ? (
            <Text className='error-text' data-testid='family-bind-lookup-error'>
              {lookup.message}
            </Text>
          ) : null}
          {lookup.kind === 'ready' ? <Text className='form-field__hint'>{lookup.found.school.name} · {lookup.found.schoolYear} 学年</Text> : null}
          {choice?.kind === 'none' ? (
            <Text className='error-text' data-testid='family-bind-no-classes'>
              {choice.message}
            </Text>
          ) : null}
          {choice?.kind === 'fixed' ? <Text data-testid='family-bind-fixed-class'>{choice.className}</Text> : null}
          {choice?.kind === 'pick' && lookup.kind === 'ready' ? (
            <>
              <Choices
                name='family-bind-grade'
                options={choice.grades.map((g) => ({ value: g, label: g }))}
                selected={grade}
                onSelect={(value) => {
                  setGrade(value);
                  setForm((f) => ({ ...f, className: '' }));
                }}
              />
              {grade ? (
                <Choices
                  name='family-bind-class'
                  options={classesOf(lookup.found.classes, grade).map((c) => ({ value: c, label: c.replace(grade, '') || c }))}
                  selected={form.className}
                  onSelect={(value) => setForm((f) => ({ ...f, className: value }))}
                />
              ) : (
                <Text className='form-field__hint'>先选年级，再选班级</Text>
              )}
            </>
          ) : null}
          {errors.className ? <Text className='error-text'>{errors.className}</Text> : null}
        </View>
        {FIELDS.map(textField)}
        <View className={`form-field${consentError ? ' form-field--invalid' : ''}`} data-testid='family-bind-consent' onClick={() => setConsent((c) => !c)}>
          <Text className='form-field__label'>
            {consent ? '☑' : '☐'} 我是孩子的监护人，同意学校按
            <Text
              className='privacy-sheet__link'
              onClick={(e) => {
                e.stopPropagation();
                void Taro.navigateTo({ url: `${LEGAL_PAGE}?doc=privacy` });
              }}
            >
              《隐私政策》
            </Text>
            保存孩子的姓名、学校、年级和班级
          </Text>
          {consentError ? <Text className='error-text'>{consentError}</Text> : null}
        </View>
        {formError ? (
          <Text className='form-error-text' data-testid='family-bind-error'>
            {formError}
          </Text>
        ) : null}
      </View>
      <View className='actions'>
        <Button className={`btn${busy || !canBind ? ' btn--disabled' : ''}`} data-testid='family-bind-submit' disabled={busy} onClick={() => void submit()}>
          {busy ? '正在绑定…' : '绑定'}
        </Button>
      </View>
    </View>
  );
}
