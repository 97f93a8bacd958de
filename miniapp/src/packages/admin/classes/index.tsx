import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { Choices, FormField } from '@/components/FormField';
import { EmptyState } from '@/components/EmptyState';
import { LoadFailed } from '@/components/LoadFailed';
import { useSessionUser } from '@/hooks/useSessionUser';
import { getClasses, saveClasses } from '@/services/classes';
import { listFederations } from '@/services/federations';
import { errorMessage } from '@/utils/labels';
import { ClassRows } from './ClassRows';
import { addBulk, gradesFor, isChanged, manageableSchools, remove, rename, requestOf, sortClasses, yearChoices, type ManagedSchool } from './model';
import './index.scss';

type Schools = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; items: ManagedSchool[] };
type Classes = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; saved: string[]; draft: string[] };

/** 班级管理: a school's classes of this school year or the next; parents bind to one of them. */
export default function ClassesPage() {
  const user = useSessionUser();
  const years = yearChoices();
  const [schools, setSchools] = useState<Schools>({ kind: 'loading' });
  const [schoolId, setSchoolId] = useState('');
  const [year, setYear] = useState(years[0]!.value);
  const [classes, setClasses] = useState<Classes>({ kind: 'loading' });
  const [grade, setGrade] = useState('');
  const [count, setCount] = useState('');
  const [bulkError, setBulkError] = useState('');
  const [saveError, setSaveError] = useState('');
  const [busy, setBusy] = useState(false);

  const loadSchools = useCallback(async () => {
    if (!user) return;
    setSchools({ kind: 'loading' });
    try {
      const items = manageableSchools(user, (await listFederations()).items);
      setSchools({ kind: 'ready', items });
      setSchoolId((current) => current || items[0]?.id || '');
    } catch (error) {
      setSchools({ kind: 'failed', message: errorMessage(error, '学校加载失败，请重试') });
    }
  }, [user]);

  const loadClasses = useCallback(async () => {
    if (!schoolId) return;
    setClasses({ kind: 'loading' });
    setSaveError('');
    try {
      const list = await getClasses(schoolId, year);
      const names = list.classes.map((c) => c.name);
      setClasses({ kind: 'ready', saved: names, draft: names });
    } catch (error) {
      setClasses({ kind: 'failed', message: errorMessage(error, '班级加载失败，请重试') });
    }
  }, [schoolId, year]);

  useLoad(() => {
    void loadSchools();
  });
  useEffect(() => {
    void loadClasses();
  }, [loadClasses]);

  if (!user) {
    return (
      <View className='classes-page'>
        <View className='card'>
          <EmptyState title='请先登录' hint='登录学校、校联体或教体局管理员账号后才能管理班级。' />
        </View>
      </View>
    );
  }

  const school = schools.kind === 'ready' ? schools.items.find((s) => s.id === schoolId) : undefined;
  const dirty = classes.kind === 'ready' && isChanged(classes.saved, classes.draft);
  const setDraft = (draft: string[]) => setClasses((c) => (c.kind === 'ready' ? { ...c, draft } : c));

  /** Switching school or year drops unsaved changes only when the admin agrees. */
  const leaveDraft = async () => !dirty || (await Taro.showModal({ title: '放弃未保存的修改？', content: '切换后，刚才的修改不会保存。' })).confirm;

  const add = () => {
    if (classes.kind !== 'ready') return;
    const edit = addBulk(classes.draft, grade, count);
    if (!edit.ok) return setBulkError(edit.error);
    setBulkError('');
    setCount('');
    setDraft(edit.names);
  };

  const save = async () => {
    if (classes.kind !== 'ready' || busy) return;
    const checked = requestOf(year, classes.draft);
    if (!checked.ok) return setSaveError(checked.error);
    setBusy(true);
    setSaveError('');
    try {
      const saved = (await saveClasses(schoolId, checked.request)).classes.map((c) => c.name);
      setClasses({ kind: 'ready', saved, draft: saved });
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (error) {
      setSaveError(errorMessage(error, '保存失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='classes-page' data-testid='classes-page'>
      {schools.kind === 'loading' ? <Text className='loading-text'>正在加载…</Text> : null}
      {schools.kind === 'failed' ? <LoadFailed title='无法加载学校' message={schools.message} onRetry={() => void loadSchools()} testId='classes-error' /> : null}
      {schools.kind === 'ready' && schools.items.length === 0 ? (
        <View className='card'>
          <EmptyState title='没有可管理的学校' hint='班级由学校管理员、校联体管理员或教体局管理员维护。' />
        </View>
      ) : null}
      {school ? (
        <>
          <View className='card'>
            <FormField label='学校' name='school'>
              {schools.kind === 'ready' && schools.items.length > 1 ? (
                <Picker
                  mode='selector'
                  range={schools.items.map((s) => `${s.name}（${s.federationName}）`)}
                  value={Math.max(0, schools.items.findIndex((s) => s.id === schoolId))}
                  onChange={(e) => {
                    const next = schools.items[Number(e.detail.value)];
                    if (next) void leaveDraft().then((ok) => ok && setSchoolId(next.id));
                  }}
                >
                  <View className='picker-value' data-testid='classes-school'>
                    {school.name}
                  </View>
                </Picker>
              ) : (
                <Text data-testid='classes-school'>{school.name}</Text>
              )}
            </FormField>
            <FormField label='学年' name='year' hint='每年 9 月 1 日自动升级：各班升一个年级，最高年级毕业。'>
              <Choices name='classes-year' options={years} selected={year} onSelect={(value) => void leaveDraft().then((ok) => ok && setYear(value))} />
            </FormField>
          </View>
          {classes.kind === 'loading' ? <Text className='loading-text'>正在加载班级…</Text> : null}
          {classes.kind === 'failed' ? <LoadFailed title='无法加载班级' message={classes.message} onRetry={() => void loadClasses()} testId='classes-load-error' /> : null}
          {classes.kind === 'ready' ? (
            <>
              <View className='card'>
                <Text className='card__title'>批量添加</Text>
                <FormField label='年级' name='grade' error={bulkError}>
                  <Choices name='classes-grade' options={gradesFor(school.stage).map((g) => ({ value: g, label: g }))} selected={grade} onSelect={setGrade} />
                  <View className='classes-bulk'>
                    <Input
                      className='input classes-bulk__count'
                      data-testid='classes-count'
                      type='number'
                      maxlength={2}
                      placeholder='班数'
                      value={count}
                      onInput={(e) => setCount(e.detail.value)}
                    />
                    <Button className='btn btn--secondary btn--small' data-testid='classes-add' onClick={add}>
                      添加
                    </Button>
                  </View>
                </FormField>
              </View>
              <View className='card'>
                <Text className='card__title'>
                  {year} 学年班级（{classes.draft.length} 个）
                </Text>
                {classes.draft.length === 0 ? (
                  <EmptyState title='还没有班级' hint='用上方「批量添加」选择年级和班数，例如 一年级 × 6；保存后家长才能绑定孩子。' />
                ) : (
                  <ClassRows
                    names={classes.draft}
                    onRename={(from, to) => {
                      const edit = rename(classes.draft, from, to);
                      if (!edit.ok) return edit.error;
                      setDraft(edit.names);
                      return undefined;
                    }}
                    onRemove={(name) => setDraft(sortClasses(remove(classes.draft, name)))}
                  />
                )}
              </View>
              <View className='classes-save'>
                {saveError ? (
                  <Text className='form-error-text' data-testid='classes-save-error'>
                    {saveError}
                  </Text>
                ) : null}
                <Button className={`btn${!dirty || busy ? ' btn--disabled' : ''}`} data-testid='classes-save' disabled={!dirty || busy} onClick={() => void save()}>
                  {busy ? '正在保存…' : dirty ? '保存' : '已保存'}
                </Button>
              </View>
            </>
          ) : null}
        </>
      ) : null}
    </View>
  );
}
