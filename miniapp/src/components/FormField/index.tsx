import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

interface FormFieldProps {
  label: string;
  /** Field name, for the test id and the error under it. */
  name: string;
  error?: string | undefined;
  hint?: string;
  children: ReactNode;
}

export function FormField({ label, name, error, hint, children }: FormFieldProps) {
  return (
    <View className={`form-field${error ? ' form-field--invalid' : ''}`} data-testid={`field-${name}`}>
      <Text className='form-field__label'>{label}</Text>
      {children}
      {hint ? <Text className='form-field__hint'>{hint}</Text> : null}
      {error ? (
        <Text className='error-text' data-testid={`error-${name}`}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}

interface ChoiceOption<T extends string> {
  value: T;
  label: string;
}

interface ChoicesProps<T extends string> {
  name: string;
  options: readonly ChoiceOption<T>[];
  /** One value, or several for a multi-select. */
  selected: T | readonly T[];
  onSelect: (value: T) => void;
}

/** A row of chips: quicker than a picker for a handful of options, and it shows them all. */
export function Choices<T extends string>({ name, options, selected, onSelect }: ChoicesProps<T>) {
  const isOn = (value: T) => (typeof selected === 'string' ? selected === value : selected.includes(value));
  return (
    <View className='choices'>
      {options.map((option) => (
        <View
          key={option.value}
          className={`choices__item${isOn(option.value) ? ' choices__item--on' : ''}`}
          data-testid={`${name}-${option.value}`}
          onClick={() => onSelect(option.value)}
        >
          <Text>{option.label}</Text>
        </View>
      ))}
    </View>
  );
}
