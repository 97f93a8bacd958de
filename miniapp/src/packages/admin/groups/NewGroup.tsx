import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { GroupDetail } from '@lianyan/shared';
import { CharCounter, FormField } from '@/components/FormField';
import { createGroup } from '@/services/groups';
import { errorMessage } from '@/utils/labels';
import { checkNewGroup, emptyGroupForm, groupNamePreview, type NewGroupForm } from './model';

/** A new 中心教研组 of one subject in one grade; its leader is chosen on the group's page, from its members. */
export function NewGroup({ federationId, onCreated }: { federationId: string; onCreated: (detail: GroupDetail) => void }) {
  const [form, setForm] = useState<NewGroupForm>(emptyGroupForm);
  const [errors, setErrors] = useState<Partial<Record<keyof NewGroupForm | 'form', string>>>({});
  const [busy, setBusy] = useState(false);
  const set = (key: keyof NewGroupForm, value: string) => setForm((current) => ({ ...current, [key]: value }));

  const submit = async () => {
    if (busy) return;
    const checked = checkNewGroup(form);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    try {
      onCreated(await createGroup(federationId, checked.request));
      setForm(emptyGroupForm());
    } catch (failure) {
      setErrors({ form: errorMessage(failure, '新建失败，请重试') });
    } finally {
      setBusy(false);
    }
  };

  const preview = groupNamePreview(form);
  return (
    <View className='card' data-testid='group-new'>
      <Text className='card__title'>新建中心教研组</Text>
      <View className='row'>
        <FormField label='学科' name='group-subject' error={errors.subject}>
          <Input className='input' data-testid='group-subject' maxlength={10} placeholder='例如 语文' value={form.subject} onInput={(e) => set('subject', e.detail.value)} />
          <CharCounter value={form.subject} max={10} testId='group-subject' />
        </FormField>
        <FormField label='年级' name='group-grade' error={errors.grade}>
          <Input className='input' data-testid='group-grade' maxlength={10} placeholder='例如 四年级' value={form.grade} onInput={(e) => set('grade', e.detail.value)} />
          <CharCounter value={form.grade} max={10} testId='group-grade' />
        </FormField>
      </View>
      <FormField label='名称（可选）' name='group-name' error={errors.name} hint={preview ? `将显示为「${preview}」` : '不填则按年级和学科命名'}>
        <Input className='input' data-testid='group-name' maxlength={40} placeholder='四年级语文中心教研组' value={form.name} onInput={(e) => set('name', e.detail.value)} />
        <CharCounter value={form.name} max={40} testId='group-name' />
      </FormField>
      {errors.form ? (
        <Text className='error-text' data-testid='group-new-error'>
          {errors.form}
        </Text>
      ) : null}
      <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='group-create' onClick={() => void submit()}>
        {busy ? '正在新建…' : '新建'}
      </Button>
    </View>
  );
}
