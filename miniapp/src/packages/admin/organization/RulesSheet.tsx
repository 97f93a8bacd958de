import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { FederationWithSchools } from '@lianyan/shared';
import { FormField } from '@/components/FormField';
import { updateRules } from '@/services/federations';
import { ApiError } from '@/services/request';
import { errorMessage } from '@/utils/labels';
import { RULE_FIELDS, checkRules, rulesFormOf, type RuleKey, type RulesForm } from './model';

interface Props {
  item: FederationWithSchools;
  onDone: () => void;
  onCancel: () => void;
}

/** 学期指标: what the reports check each semester (joint research, 师徒结对, 交流轮岗, 家长学校). */
export function RulesSheet({ item, onDone, onCancel }: Props) {
  const [form, setForm] = useState<RulesForm>(rulesFormOf(item.rules));
  const [errors, setErrors] = useState<Partial<RulesForm>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    const checked = checkRules(form, item.rules);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFormError(checked.message ?? '');
      return;
    }
    setErrors({});
    setFormError('');
    setBusy(true);
    try {
      await updateRules(item.federation.id, checked.request);
      onDone();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : {};
      setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v[0]])) as Partial<RulesForm>);
      setFormError(errorMessage(error, '保存失败，请重试'));
      setBusy(false);
    }
  };

  return (
    <View className='sheet' data-testid='rules-sheet'>
      <View className='sheet__panel'>
        <Text className='sheet__title'>学期指标</Text>
        <Text className='sheet__sub'>{item.federation.name} · 每学期，报表按这些目标判断是否达标</Text>
        {RULE_FIELDS.map(({ key, label }) => (
          <FormField key={key} label={label} name={`rule-${key}`} error={errors[key]}>
            <Input
              className='input'
              type='number'
              data-testid={`rule-${key}`}
              maxlength={3}
              value={form[key]}
              onInput={(e) => setForm((f) => ({ ...f, [key as RuleKey]: e.detail.value }))}
            />
          </FormField>
        ))}
        {formError ? (
          <Text className='form-error' data-testid='rules-error'>
            {formError}
          </Text>
        ) : null}
        <View className='org-sheet__actions'>
          <Button className='btn btn--secondary' data-testid='rules-cancel' onClick={onCancel}>
            取消
          </Button>
          <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='rules-save' onClick={() => void submit()}>
            {busy ? '正在保存…' : '保存'}
          </Button>
        </View>
      </View>
    </View>
  );
}
