import { describe, expect, it } from 'vitest';
import { defaultForm, MAX_MATERIALS, type SessionForm } from './form';
import { typedPlace, withDeadline, withDeadlineReset, withFederation, withMaterial, withMaterialAdded, withoutMaterial, withoutMaterialErrors, withPlace, withSchoolToggled, TEXT_MAX } from './model';

const blank = (): SessionForm => ({ ...defaultForm(new Date('2026-12-03T01:00:00Z'), 'sch-1'), startDate: '2026-12-10', startTime: '14:00' });

describe('organizer edit model', () => {
  it('adds materials up to the maximum, edits and removes one by its row', () => {
    let form = blank();
    for (let i = 0; i < MAX_MATERIALS + 3; i++) form = withMaterialAdded(form);
    expect(form.materials).toHaveLength(MAX_MATERIALS);
    form = withMaterial(form, 1, { title: '讲座课件', kind: 'video' });
    expect(form.materials[1]).toEqual({ title: '讲座课件', url: '', kind: 'video' });
    form = withoutMaterial(form, 0);
    expect(form.materials[0]?.title).toBe('讲座课件');
    expect(form.materials).toHaveLength(MAX_MATERIALS - 1);
  });

  it('drops the row errors of materials after a removal, keeping the others', () => {
    expect(withoutMaterialErrors({ title: '请填写活动名称', 'materials.2': '请填写链接', materials: '最多 20 份' })).toEqual({ title: '请填写活动名称', materials: '最多 20 份' });
  });

  it('takes the other half of an unset deadline from the start, and resets it to the start', () => {
    const set = withDeadline(blank(), 'registrationDeadline', 'Time', '09:30');
    expect([set.registrationDeadlineDate, set.registrationDeadlineTime]).toEqual(['2026-12-10', '09:30']);
    const moved = withDeadline(set, 'registrationDeadline', 'Date', '2026-12-08');
    expect([moved.registrationDeadlineDate, moved.registrationDeadlineTime]).toEqual(['2026-12-08', '09:30']);
    const reset = withDeadlineReset(moved, 'registrationDeadline');
    expect([reset.registrationDeadlineDate, reset.registrationDeadlineTime]).toEqual(['', '']);
  });

  it('toggles audience schools, and a new federation clears them with its own host school', () => {
    const two = withSchoolToggled(withSchoolToggled(blank(), 'sch-1'), 'sch-2');
    expect(two.audienceSchoolIds).toEqual(['sch-1', 'sch-2']);
    expect(withSchoolToggled(two, 'sch-1').audienceSchoolIds).toEqual(['sch-2']);
    const other = withFederation(two, 'sch-9');
    expect([other.hostSchoolId, other.audienceSchoolIds]).toEqual(['sch-9', []]);
  });

  it('keeps a typed venue name when a place is picked on the map, and cuts a long map name at the field\'s maximum', () => {
    const typed = withPlace({ ...blank(), venueName: '报告厅' }, { name: '明湖区实验小学', lat: 30.123456789, lng: 120.5 });
    expect([typed.venueName, typed.lat, typed.lng]).toEqual(['报告厅', '30.123457', '120.500000']);
    expect(withPlace(blank(), { name: '名'.repeat(300), lat: 1, lng: 2 }).venueName).toHaveLength(TEXT_MAX.venueName);
  });

  it('opens the map at the typed coordinates only when both are numbers', () => {
    expect(typedPlace({ lat: '30.1', lng: '120.2' })).toEqual({ lat: 30.1, lng: 120.2 });
    expect(typedPlace({ lat: '30.1', lng: '' })).toBeUndefined();
    expect(typedPlace({ lat: 'abc', lng: '120' })).toBeUndefined();
  });
});
