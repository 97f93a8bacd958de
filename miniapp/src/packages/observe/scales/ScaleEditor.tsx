import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { CharCounter, FormField } from '@/components/FormField';
import { emptyDimension, weightSum, type DimensionDraft, type ScaleDraft } from './model';

interface Props {
  draft: ScaleDraft;
  onChange: (draft: ScaleDraft) => void;
  onSave: () => void;
  onCancel: () => void;
  saving: boolean;
  error: string;
  /** The version being edited (a save makes the next one); none for a new scale. */
  version?: number | undefined;
}

/** One scale on one screen: name, score range, dimensions with weights and items (one per line), free-text fields. */
export function ScaleEditor({ draft, onChange, onSave, onCancel, saving, error, version }: Props) {
  const setDimension = (index: number, next: DimensionDraft) => onChange({ ...draft, dimensions: draft.dimensions.map((d, i) => (i === index ? next : d)) });
  const sum = weightSum(draft);
  return (
    <View className='card scale-editor' data-testid='scale-editor'>
      <Text className='card__title'>{version ? `修改量表（保存为第 ${version + 1} 版，已填的听课记录仍按原版本）` : '新建量表'}</Text>
      <FormField label='量表名称' name='scale-name'>
        <Input className='input' data-testid='scale-name' maxlength={40} value={draft.name} onInput={(e) => onChange({ ...draft, name: e.detail.value })} />
        <CharCounter value={draft.name} max={40} testId={'scale-name'} />
      </FormField>
      <View className='scale-editor__range'>
        <FormField label='最低分' name='scale-min'>
          <Input className='input' type='number' data-testid='scale-min' value={draft.min} onInput={(e) => onChange({ ...draft, min: e.detail.value })} />
        </FormField>
        <FormField label='最高分' name='scale-max'>
          <Input className='input' type='number' data-testid='scale-max' value={draft.max} onInput={(e) => onChange({ ...draft, max: e.detail.value })} />
        </FormField>
      </View>
      {draft.dimensions.map((d, i) => (
        <View key={i} className='scale-editor__dimension' data-testid={`scale-dimension-${i}`}>
          <View className='scale-editor__range'>
            <FormField label={`维度 ${i + 1}`} name={`dimension-name-${i}`}>
              <Input className='input' maxlength={20} placeholder='如 教学目标' value={d.name} onInput={(e) => setDimension(i, { ...d, name: e.detail.value })} />
              <CharCounter value={d.name} max={20} testId={`scale-dimension-${i}`} />
            </FormField>
            <FormField label='权重' name={`dimension-weight-${i}`}>
              <Input className='input' type='number' value={d.weight} onInput={(e) => setDimension(i, { ...d, weight: e.detail.value })} />
            </FormField>
          </View>
          <FormField label='观察项（每行一项）' name={`dimension-items-${i}`}>
            <Textarea className='scale-editor__items' maxlength={400} value={d.items} onInput={(e) => setDimension(i, { ...d, items: e.detail.value })} />
            <CharCounter value={d.items} max={400} testId={`scale-items-${i}`} />
          </FormField>
          {draft.dimensions.length > 1 ? (
            <Text className='scale-editor__remove' onClick={() => onChange({ ...draft, dimensions: draft.dimensions.filter((_, k) => k !== i) })}>
              删除此维度
            </Text>
          ) : null}
        </View>
      ))}
      <View className='scale-editor__sum'>
        <Text className={sum === 100 ? 'muted' : 'error-text'}>权重合计 {sum} / 100</Text>
        {draft.dimensions.length < 8 ? (
          <Text className='scale-editor__add' data-testid='scale-add-dimension' onClick={() => onChange({ ...draft, dimensions: [...draft.dimensions, emptyDimension()] })}>
            ＋ 添加维度
          </Text>
        ) : null}
      </View>
      <FormField label='其他文字栏目（每行一个，可不填）' name='scale-texts' hint='亮点、建议已自带'>
        <Textarea className='scale-editor__items' maxlength={100} value={draft.textFields} onInput={(e) => onChange({ ...draft, textFields: e.detail.value })} />
        <CharCounter value={draft.textFields} max={100} testId={'scale-text-fields'} />
      </FormField>
      {error ? (
        <Text className='error-text' data-testid='scale-error'>
          {error}
        </Text>
      ) : null}
      <View className='scale-editor__actions'>
        <Button className='btn btn--secondary' onClick={onCancel}>
          取消
        </Button>
        <Button className={`btn${saving ? ' btn--disabled' : ''}`} data-testid='scale-save' onClick={onSave}>
          {saving ? '正在保存…' : '保存'}
        </Button>
      </View>
    </View>
  );
}
