import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { byGrade } from './model';

interface ClassRowsProps {
  names: readonly string[];
  onRename: (from: string, to: string) => string | undefined;
  onRemove: (name: string) => void;
}

/** The draft list by grade; each class renamed in place or removed. */
export function ClassRows({ names, onRename, onRemove }: ClassRowsProps) {
  const [editing, setEditing] = useState<{ name: string; value: string; error?: string } | null>(null);
  const confirm = () => {
    if (!editing) return;
    const error = onRename(editing.name, editing.value);
    setEditing(error ? { ...editing, error } : null);
  };
  return (
    <View data-testid='classes-list'>
      {byGrade(names).map((group) => (
        <View key={group.grade} className='classes-grade' data-testid={`classes-group-${group.grade}`}>
          <Text className='classes-grade__title'>
            {group.grade} · {group.classes.length} 个班
          </Text>
          {group.classes.map((name) =>
            editing?.name === name ? (
              <View key={name} className={`form-field${editing.error ? ' form-field--invalid' : ''}`}>
                <View className='classes-row'>
                  <Input
                    className='input classes-row__input'
                    data-testid='classes-rename-input'
                    value={editing.value}
                    maxlength={20}
                    focus
                    onInput={(e) => setEditing({ name, value: e.detail.value })}
                    onConfirm={confirm}
                  />
                  <Text className='classes-row__action' data-testid='classes-rename-ok' onClick={confirm}>
                    确定
                  </Text>
                  <Text className='classes-row__action' onClick={() => setEditing(null)}>
                    取消
                  </Text>
                </View>
                {editing.error ? <Text className='error-text'>{editing.error}</Text> : null}
              </View>
            ) : (
              <View key={name} className='classes-row' data-testid={`class-${name}`}>
                <Text className='classes-row__name'>{name}</Text>
                <Text className='classes-row__action' data-testid={`class-rename-${name}`} onClick={() => setEditing({ name, value: name })}>
                  改名
                </Text>
                <Text className='classes-row__action classes-row__action--danger' data-testid={`class-remove-${name}`} onClick={() => onRemove(name)}>
                  删除
                </Text>
              </View>
            ),
          )}
        </View>
      ))}
    </View>
  );
}
