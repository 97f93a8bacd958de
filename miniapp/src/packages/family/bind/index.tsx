import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import * as z from 'zod/mini';
import { BindChildRequest } from '@lianyan/shared';
import { EmptyState } from '../../../components/EmptyState';
import { LEGAL_PAGE } from '../../../components/PrivacySheet';
import { useSessionUser } from '../../../hooks/useSessionUser';
import { bindChild } from '../../../services/family';
import { ApiError } from '../../../services/request';
import { errorMessage } from '../../../utils/labels';
import '../family.scss';

type Field = 'inviteCode' | 'childName' | 'className' | 'name' | 'phone';
type Form = Record<Field, string>;
type FieldErrors = Partial<Record<Field, string>>;

const FIELDS: ReadonlyArray<{ key: Field; label: string; placeholder: string; maxlength: number; hint?: string }> = [
  { key: 'inviteCode', label: '家长邀请码', placeholder: '8 位字母或数字', maxlength: 8, hint: '由班主任或学校发放' },
  { key: 'childName', label: '孩子姓名', placeholder: '请填写孩子的真实姓名', maxlength: 20 },
  { key: 'className', label: '班级', placeholder: '例如 一年级(2)班', maxlength: 20, hint: '请按「一年级(2)班」「初二(3)班」「大班」的格式填写' },
  { key: 'name', label: '您的姓名（选填）', placeholder: '学校可以看到，其他家长看不到', maxlength: 32 },
  { key: 'phone', label: '手机号（选填）', placeholder: '仅学校可见，且只显示部分号码', maxlength: 11 },
];

const firstErrors = (errors: Partial<Record<string, string[]>>): FieldErrors =>
  Object.fromEntries(FIELDS.map((f) => [f.key, errors[f.key]?.[0]]).filter(([, v]) => v)) as FieldErrors;

/** The request from the form: optional fields left out when empty. */
export function bindRequestOf(form: Form, guardianConsent = false) {
  return {
    ...(guardianConsent ? { guardianConsent: true as const } : {}),
    inviteCode: form.inviteCode,
    childName: form.childName,
    className: form.className,
    ...(form.name.trim() ? { name: form.name } : {}),
    ...(form.phone.trim() ? { phone: form.phone } : {}),
  };
}

export default function BindChild() {
  const user = useSessionUser();
  const [form, setForm] = useState<Form>({ inviteCode: '', childName: '', className: '', name: '', phone: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const [consent, setConsent] = useState(false);
  const [consentError, setConsentError] = useState('');

  if (!user) {
    return (
      <View className='family-page'>
        <View className='card'>
          <EmptyState title='请先登录' hint='登录后再填写家长邀请码绑定孩子。' />
        </View>
      </View>
    );
  }

  const submit = async () => {
    if (busy) return;
    setFormError('');
    const parsed = BindChildRequest.safeParse(bindRequestOf(form, consent));
    if (!parsed.success) {
      const fieldErrors = z.flattenError(parsed.error).fieldErrors;
      setErrors(firstErrors(fieldErrors));
      setConsentError(fieldErrors.guardianConsent?.[0] ?? '');
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

  return (
    <View className='family-page' data-testid='family-bind'>
      <View className='family-intro'>
        <Text className='family-intro__title'>绑定孩子</Text>
        <Text className='muted'>绑定后可以报名孩子学校的家庭教育讲座和家长学校活动。一个孩子最多绑定两位家长。</Text>
      </View>
      <View className='card'>
        {FIELDS.map((field) => (
          <View key={field.key} className={`form-field${errors[field.key] ? ' form-field--invalid' : ''}`}>
            <Text className='form-field__label'>{field.label}</Text>
            <Input
              className={`input${field.key === 'inviteCode' ? ' input--code' : ''}`}
              data-testid={`family-bind-${field.key}`}
              value={form[field.key]}
              maxlength={field.maxlength}
              type={field.key === 'phone' ? 'number' : 'text'}
              placeholder={field.placeholder}
              onInput={(event) => {
                const value = field.key === 'inviteCode' ? event.detail.value.replace(/\s+/g, '').toUpperCase() : event.detail.value;
                setForm((current) => ({ ...current, [field.key]: value }));
              }}
            />
            {errors[field.key] ? <Text className='error-text'>{errors[field.key]}</Text> : field.hint ? <Text className='form-field__hint'>{field.hint}</Text> : null}
          </View>
        ))}
        <View className={`form-field${consentError ? ' form-field--invalid' : ''}`} data-testid='family-bind-consent' onClick={() => setConsent((c) => !c)}>
          <Text className='form-field__label'>
            {consent ? '☑' : '☐'} 我是孩子的监护人，同意学校按
            <Text className='privacy-sheet__link' onClick={(e) => {
                e.stopPropagation();
                void Taro.navigateTo({ url: `${LEGAL_PAGE}?doc=privacy` });
              }}>
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
        <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='family-bind-submit' disabled={busy} onClick={() => void submit()}>
          {busy ? '正在绑定…' : '绑定'}
        </Button>
      </View>
    </View>
  );
}
