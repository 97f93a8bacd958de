import { useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { MentorPair, Person } from '@lianyan/shared';
import { CharCounter, FormField } from '@/components/FormField';
import { createMentorPair } from '@/services/mentor-pairs';
import { errorMessage } from '@/utils/labels';
import type { SchoolChoice } from '../people/model';
import { TeacherPicker } from './TeacherPicker';
import { checkPair } from './model';

/** 登记结对: mentor (of any school this admin keeps) and mentee (of this school), subject and goals. */
export function PairSheet(props: { school: SchoolChoice; schools: SchoolChoice[]; schoolYear: string; onSaved: (pair: MentorPair) => void; onCancel: () => void }) {
  const { school, schools, schoolYear } = props;
  const [mentor, setMentor] = useState<Person>();
  const [mentee, setMentee] = useState<Person>();
  const [subject, setSubject] = useState('');
  const [goals, setGoals] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const pickMentee = (person: Person | undefined) => {
    setMentee(person);
    if (person && !subject) setSubject(person.subjects[0] ?? '');
  };
  const submit = async () => {
    if (busy) return;
    const checked = checkPair({ mentorId: mentor?.id ?? '', menteeId: mentee?.id ?? '', subject, schoolYear, goals });
    if (!checked.ok) return setError(checked.error);
    setError('');
    setBusy(true);
    try {
      props.onSaved(await createMentorPair(school.id, checked.value));
    } catch (err) {
      setError(errorMessage(err, '登记失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card mentors-sheet' data-testid='pair-sheet'>
      <Text className='card__title'>
        登记师徒结对（{schoolYear} 学年）
      </Text>
      <FormField label={`师傅${mentor ? `：${mentor.name}` : ''}`} name='mentor' hint='师傅可以是校联体内其他学校的教师（由其所在学校管理员或校联体管理员登记）'>
        <TeacherPicker name='pair-mentor' schools={schools} initialSchoolId={school.id} selected={mentor?.id ?? ''} onSelect={setMentor} />
      </FormField>
      <FormField label={`徒弟${mentee ? `：${mentee.name}` : ''}`} name='mentee'>
        <TeacherPicker name='pair-mentee' schools={[school]} initialSchoolId={school.id} selected={mentee?.id ?? ''} onSelect={pickMentee} />
      </FormField>
      <FormField label='学科' name='subject'>
        <Input className='input' data-testid='pair-subject' maxlength={20} value={subject} placeholder='如 数学' onInput={(e) => setSubject(e.detail.value)} />
        <CharCounter value={subject} max={20} testId='pair-subject' />
      </FormField>
      <FormField label='结对目标（选填）' name='goals'>
        <Textarea className='input input--textarea' data-testid='pair-goals' maxlength={1000} value={goals} placeholder='如 一学年内徒弟上好一节校级公开课' onInput={(e) => setGoals(e.detail.value)} />
        <CharCounter value={goals} max={1000} testId='pair-goals' />
      </FormField>
      {error ? (
        <Text className='form-error' data-testid='pair-sheet-error'>
          {error}
        </Text>
      ) : null}
      <View className='actions'>
        <Button className={`btn${busy ? ' btn--disabled' : ''}`} data-testid='pair-sheet-save' onClick={() => void submit()}>
          {busy ? '正在登记…' : '登记'}
        </Button>
        <Button className='btn btn--secondary' onClick={props.onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}
