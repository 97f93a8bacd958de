import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview, PeoplePage, Person } from '@lianyan/shared';
import { api, devLogin, stack } from '../support/api.ts';
import { applyImport, csvText, excelFile, gbk, importWorld, newPhone, plainXlsx, previewImport, TEACHER_HEADER, uploadImportFile } from '../support/imports.ts';

type World = Awaited<ReturnType<typeof importWorld>>;
type ErrorBody = { code: string; message: string; details?: { fieldErrors?: Record<string, string[]> } };
let world: World;
beforeAll(async () => {
  world = await importWorld();
});

const people = async (token: string, schoolId: string, q = '') =>
  (await api<PeoplePage>('GET', `/v1/schools/${schoolId}/people?limit=100${q ? `&q=${encodeURIComponent(q)}` : ''}`, { token })).body.items;
const codes = (preview: ImportPreview) => preview.errors.map((e) => `${e.row}:${e.column}:${e.code}`).sort();

describe('教师名册导入: the template', () => {
  it('is an XLSX with the 教师名册 headers, example rows and a 说明 sheet; a federation template adds 学校 with its schools', async () => {
    const res = await fetch(`${stack().url}/v1/imports/template?kind=teachers`, { headers: { authorization: `Bearer ${world.schoolAdmin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(['教师名册', '说明']);
    expect((book.getWorksheet('教师名册')!.getRow(1).values as unknown[]).slice(1)).toEqual(TEACHER_HEADER);
    expect(book.getWorksheet('教师名册')!.rowCount).toBe(3);
    const guide = JSON.stringify(book.getWorksheet('说明')!.getSheetValues());
    for (const word of ['校长', '教研组长', '骨干教师', '学科带头人', '道德与法治', '四年级', '初一']) expect(guide).toContain(word);

    const fed = await fetch(`${stack().url}/v1/imports/template?kind=teachers&federationId=${world.federation.id}`, { headers: { authorization: `Bearer ${world.district}` } });
    const fedBook = new ExcelJS.Workbook();
    await fedBook.xlsx.load(Buffer.from(await fed.arrayBuffer()) as never);
    expect((fedBook.getWorksheet('教师名册')!.getRow(1).values as unknown[]).slice(1)).toEqual([...TEACHER_HEADER, '学校']);
    expect(JSON.stringify(fedBook.getWorksheet('说明')!.getSheetValues())).toContain(world.b.name);
    // Another federation's template is not this school admin's to see; a teacher gets no template.
    expect((await api('GET', `/v1/imports/template?kind=teachers&federationId=${world.federation.id}`, { token: world.schoolAdmin })).status).toBe(403);
    expect((await api('GET', '/v1/imports/template?kind=teachers', { token: (await devLogin('core-teacher-1')).token })).status).toBe(403);
    const wrongKind = await api<ErrorBody>('GET', '/v1/imports/template?kind=students', { token: world.schoolAdmin });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.details?.fieldErrors?.kind?.[0]).toContain('教师名册');
  });

  it('reads back its own template: the example rows are refused as examples', async () => {
    const res = await fetch(`${stack().url}/v1/imports/template?kind=teachers`, { headers: { authorization: `Bearer ${world.schoolAdmin}` } });
    const preview = await previewImport(world.schoolAdmin, { schoolId: world.a.id }, Buffer.from(await res.arrayBuffer()));
    expect(preview.status).toBe(201);
    expect(codes(preview.body)).toEqual(['2:手机号:EXAMPLE_ROW', '3:手机号:EXAMPLE_ROW']);
  });
});

describe('教师名册导入: preview and apply', () => {
  it('imports once, matches by phone on re-import (updates, never duplicates), and a second apply writes nothing', async () => {
    const [p1, p2, p3] = [newPhone(), newPhone(), newPhone()];
    const file = await excelFile([
      TEACHER_HEADER,
      ['陈一', Number(p1), '教研组长', '语文、书法', '四年级、5年级', '骨干教师、名师'],
      ['陈二', `${p2.slice(0, 3)} ${p2.slice(3, 7)} ${p2.slice(7)}`, '', '数学', '', ''],
      ['陈三', `+86-${p3.slice(0, 3)}-${p3.slice(3)}`, '校长', '', '', ''],
    ]);
    const preview = await previewImport(world.schoolAdmin, { schoolId: world.a.id }, file);
    expect(preview.status).toBe(201);
    expect(preview.body.errors).toEqual([]);
    expect(preview.body.summary).toEqual({ create: 3, update: 0, unchanged: 0, invalid: 0 });
    expect(preview.body.rows[0]).toMatchObject({ row: 2, action: 'create', name: '陈一', position: 'group_leader', subjects: ['语文', '书法'], grades: ['四年级', '五年级'], titles: ['backbone', 'famous'] });
    expect(preview.body.rows[0]!.phoneMasked).toBe(`${p1.slice(0, 3)}****${p1.slice(7)}`);
    expect(JSON.stringify(preview.body)).not.toContain(p1);

    const applied = await applyImport(world.schoolAdmin, preview.body.id);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: 'applied', created: 3, updated: 0, unchanged: 0 });
    const again = await applyImport(world.schoolAdmin, preview.body.id);
    expect(again.body).toEqual(applied.body);
    const listed = await people(world.schoolAdmin, world.a.id, '陈');
    expect(listed.filter((p) => ['陈一', '陈二', '陈三'].includes(p.name))).toHaveLength(3);
    expect(listed.find((p) => p.name === '陈二')).toMatchObject({ status: 'invited', position: 'teacher', subjects: ['数学'] });

    // The same file again: all unchanged. A changed subject: one update; empty cells keep what is there.
    const same = await previewImport(world.schoolAdmin, { schoolId: world.a.id }, file);
    expect(same.body.summary).toEqual({ create: 0, update: 0, unchanged: 3, invalid: 0 });
    const changed = await previewImport(world.schoolAdmin, { schoolId: world.a.id }, await excelFile([
      TEACHER_HEADER,
      ['陈一', p1, '', '', '', ''],
      ['陈二', p2, '', '数学、科学', '', ''],
    ]));
    expect(changed.body.summary).toEqual({ create: 0, update: 1, unchanged: 1, invalid: 0 });
    expect((await applyImport(world.schoolAdmin, changed.body.id)).body).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const after = await people(world.schoolAdmin, world.a.id, '陈');
    expect(after.find((p) => p.name === '陈一')).toMatchObject({ position: 'group_leader', subjects: ['语文', '书法'], titles: ['backbone', 'famous'] });
    expect(after.find((p) => p.name === '陈二')!.subjects).toEqual(['数学', '科学']);
    expect(after.filter((p) => p.name.startsWith('陈'))).toHaveLength(3);
  });

  it('adds a teacher of another school by phone as the same person, teaching at both', async () => {
    const phone = newPhone();
    expect((await api('POST', `/v1/schools/${world.b.id}/people`, { token: world.district, body: { name: '两校老师', phone } })).status).toBe(201);
    const preview = await previewImport(world.schoolAdmin, { schoolId: world.a.id }, await excelFile([TEACHER_HEADER, ['两校老师', phone]]));
    expect(preview.body.summary).toEqual({ create: 0, update: 1, unchanged: 0, invalid: 0 });
    await applyImport(world.schoolAdmin, preview.body.id);
    const [atA] = (await people(world.district, world.a.id, '两校老师')) as Person[];
    const atB = await people(world.district, world.b.id, '两校老师');
    expect(atB.map((p) => p.id)).toEqual([atA!.id]);
  });

  it('applies what was previewed even when one of its phones was added by hand in between: that row updates the person', async () => {
    const [p1, p2, p3] = [newPhone(), newPhone(), newPhone()];
    const preview = await previewImport(world.schoolAdmin, { schoolId: world.a.id }, await excelFile([TEACHER_HEADER, ['间隙甲', p1], ['间隙乙', p2, '', '美术'], ['间隙丙', p3]]));
    expect(preview.body.summary).toMatchObject({ create: 3 });
    const byHand = await api<Person>('POST', `/v1/schools/${world.a.id}/people`, { token: world.schoolAdmin, body: { name: '手工添加', phone: p2 } });
    expect(byHand.status).toBe(201);
    expect((await applyImport(world.schoolAdmin, preview.body.id)).body).toMatchObject({ created: 2, updated: 1, unchanged: 0 });
    const found = await people(world.schoolAdmin, world.a.id, '间隙');
    expect(found.map((p) => p.name).sort()).toEqual(['间隙丙', '间隙乙', '间隙甲']);
    expect(found.find((p) => p.name === '间隙乙')).toMatchObject({ id: byHand.body.id, subjects: ['美术'] });
  });

  it('applies once when two applies race, and the roster has each row exactly once', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`并发导入${i}`, newPhone(), '', '英语', '', '']);
    const preview = await previewImport(world.district, { schoolId: world.b.id }, await excelFile([TEACHER_HEADER, ...rows]));
    const both = await Promise.all([applyImport(world.district, preview.body.id), applyImport(world.district, preview.body.id), applyImport(world.district, preview.body.id)]);
    for (const r of both) expect([200, 409]).toContain(r.status);
    expect(both.some((r) => r.status === 200)).toBe(true);
    for (const r of both.filter((x) => x.status === 409)) expect((r.body as unknown as ErrorBody).code).toBe('IMPORT_IN_PROGRESS');
    const final = await applyImport(world.district, preview.body.id);
    expect(final.body).toMatchObject({ created: 30, updated: 0, unchanged: 0 });
    expect(await people(world.district, world.b.id, '并发导入')).toHaveLength(30);
  });

  it('imports a federation file to the schools it names, and names an unknown school', async () => {
    const [p1, p2, p3] = [newPhone(), newPhone(), newPhone()];
    const preview = await previewImport(world.district, { federationId: world.federation.id }, await excelFile([
      [...TEACHER_HEADER, '学校'],
      ['联体甲', p1, '', '', '', '', world.a.name],
      ['联体乙', p2, '', '', '', '', ` ${world.b.name} `],
      ['联体丙', p3, '', '', '', '', '不存在小学'],
    ]));
    expect(codes(preview.body)).toEqual(['4:学校:SCHOOL_UNKNOWN']);
    expect(preview.body.errors[0]!.message).toContain(world.a.name);
    expect((await applyImport(world.district, preview.body.id)).status).toBe(409);
    const fixed = await previewImport(world.district, { federationId: world.federation.id }, await excelFile([
      [...TEACHER_HEADER, '学校'],
      ['联体甲', p1, '', '', '', '', world.a.name],
      ['联体乙', p2, '', '', '', '', world.b.name],
    ]));
    expect(fixed.body.rows.map((r) => r.schoolName)).toEqual([world.a.name, world.b.name]);
    expect((await applyImport(world.district, fixed.body.id)).body).toMatchObject({ created: 2 });
    expect(await people(world.district, world.b.id, '联体乙')).toHaveLength(1);
    expect(await people(world.district, world.a.id, '联体乙')).toHaveLength(0);
    // The demo federation's admin administers neither the federation nor its schools.
    const fedAdmin = (await devLogin('fed-admin')).token;
    const outsider = await api<ErrorBody>('POST', '/v1/imports', { token: fedAdmin, body: { kind: 'teachers', federationId: world.federation.id, uploadId: await uploadImportFile(fedAdmin, await excelFile([TEACHER_HEADER])) } });
    expect(outsider.status).toBe(403);
    expect(outsider.body.message).toContain('校联体');
  });
});

describe('教师名册导入: every bad file gets row-level Chinese errors, and nothing is written', () => {
  const expectRefused = async (preview: ImportPreview, before: number) => {
    const refused = await applyImport(world.schoolAdmin, preview.id);
    expect(refused.status).toBe(409);
    expect((refused.body as unknown as ErrorBody).code).toBe('IMPORT_HAS_ERRORS');
    expect((refused.body as unknown as ErrorBody).message).toMatch(/行错误.*没有导入任何教师/);
    expect((await people(world.schoolAdmin, world.a.id)).length).toBe(before);
  };

  it('wrong and missing headers', async () => {
    const before = (await people(world.schoolAdmin, world.a.id)).length;
    const preview = await previewImport(world.schoolAdmin, { schoolId: world.a.id }, await excelFile([['姓名', '电话', '学科'], ['错表头', newPhone(), '语文']]));
    expect(codes(preview.body)).toEqual(['1:手机号:HEADER_MISSING', '1:电话:HEADER_UNKNOWN']);
    expect(preview.body.errors.find((e) => e.code === 'HEADER_MISSING')!.message).toContain('缺少表头「手机号」');
    await expectRefused(preview.body, before);
  });

  it('an empty file and a file with only the header', async () => {
    const empty = await previewImport(world.schoolAdmin, { schoolId: world.a.id }, await excelFile([]));
    expect(codes(empty.body)).toEqual(['1::FILE_EMPTY']);
    expect(empty.body.errors[0]!.message).toContain('文件是空的');
    const headerOnly = await previewImport(world.schoolAdmin, { schoolId: world.a.id }, Buffer.from(`\uFEFF${TEACHER_HEADER.join(',')}\r\n`), '空名册.csv');
    expect(codes(headerOnly.body)).toEqual(['2::FILE_EMPTY']);
    await expectRefused(headerOnly.body, (await people(world.schoolAdmin, world.a.id)).length);
  });

  it('20,001 rows: too many, said plainly', async () => {
    const rows = Array.from({ length: 20_001 }, (_, i) => [`教师${i}`, `139${String(i).padStart(8, '0')}`]);
    const file = plainXlsx([['姓名', '手机号'], ...rows]);
    const preview = await previewImport(world.schoolAdmin, { schoolId: world.a.id }, file);
    expect(preview.status).toBe(201);
    expect(codes(preview.body)).toEqual(['20002::TOO_MANY_ROWS']);
    expect(preview.body.errors[0]!.message).toBe('文件有 20001 行教师，一次最多导入 20000 行，请拆成几个文件分别导入');
  });

  it('formulas and merged cells', async () => {
    const phone = newPhone();
    const file = await excelFile(
      [TEACHER_HEADER, ['公式老师', { formula: `"${phone.slice(0, 5)}"&"${phone.slice(5)}"`, result: phone }, '教师', '语文', '三年级', ''], ['合并甲', newPhone(), '教师', '数学', '三年级', ''], ['合并乙', newPhone(), '', '', '', '']],
      { merge: ['C3:C4'] },
    );
    const preview = await previewImport(world.schoolAdmin, { schoolId: world.a.id }, file);
    expect(codes(preview.body)).toEqual(['2:手机号:FORMULA', '3:职务:MERGED_CELLS']);
    expect(preview.body.errors.find((e) => e.code === 'FORMULA')!.message).toContain('选择性粘贴');
    expect(preview.body.errors.find((e) => e.code === 'MERGED_CELLS')!.message).toContain('C3:C4');
    expect(preview.body.summary.invalid).toBe(2);
    await expectRefused(preview.body, (await people(world.schoolAdmin, world.a.id)).length);
  });

  it('phone numbers: numbers, spaces and dashes read; wrong ones and duplicates inside the file named with the first row', async () => {
    const [p1, p2] = [newPhone(), newPhone()];
    const preview = await previewImport(world.schoolAdmin, { schoolId: world.a.id }, await excelFile([
      TEACHER_HEADER,
      ['号码甲', Number(p1)],
      ['号码乙', `${p2.slice(0, 3)}-${p2.slice(3, 7)}-${p2.slice(7)}`],
      ['号码丙', '12345'],
      ['号码丁', ` ${p1.slice(0, 3)} ${p1.slice(3)} `],
      ['号码戊', ''],
    ]));
    expect(codes(preview.body)).toEqual(['4:手机号:PHONE_INVALID', '5:手机号:PHONE_DUPLICATE', '6:手机号:PHONE_MISSING']);
    expect(preview.body.errors.find((e) => e.code === 'PHONE_DUPLICATE')!.message).toBe('手机号与第 2 行重复，一位教师只填一行');
    expect(preview.body.errors.find((e) => e.code === 'PHONE_INVALID')!.message).toContain('「12345」');
    expect(preview.body.summary).toEqual({ create: 2, update: 0, unchanged: 0, invalid: 3 });
    expect(preview.body.rows.map((r) => r.action)).toEqual(['create', 'create', 'invalid', 'invalid', 'invalid']);
  });

  it('unknown 职务, 学科, 年级 and 称号 values, and a missing name', async () => {
    const preview = await previewImport(world.schoolAdmin, { schoolId: world.a.id }, await excelFile([
      TEACHER_HEADER,
      ['值甲', newPhone(), '班主任', '语文', '四年级', ''],
      ['值乙', newPhone(), '', '数学、魔法', '', ''],
      ['值丙', newPhone(), '', '', '十年级', '优秀教师'],
      ['', newPhone(), '', '', '', ''],
    ]));
    expect(codes(preview.body)).toEqual(['2:职务:POSITION_UNKNOWN', '3:学科:SUBJECT_UNKNOWN', '4:任教年级:GRADE_UNKNOWN', '4:称号:TITLE_UNKNOWN', '5:姓名:NAME_MISSING']);
    const message = (code: string) => preview.body.errors.find((e) => e.code === code)!.message;
    expect(message('POSITION_UNKNOWN')).toContain('「班主任」');
    expect(message('POSITION_UNKNOWN')).toContain('教研组长');
    expect(message('SUBJECT_UNKNOWN')).toContain('「魔法」');
    expect(message('TITLE_UNKNOWN')).toContain('骨干教师');
  });

  it('CSV in UTF-8 with and without BOM, and in GBK', async () => {
    const [p1, p2, p3] = [newPhone(), newPhone(), newPhone()];
    const text = (name: string, phone: string) => csvText([TEACHER_HEADER, [name, phone, '副校长', '道德与法治', '初一、初二', '学科带头人']]);
    for (const [bytes, name] of [
      [Buffer.from(`\uFEFF${text('欧阳带', p1)}`), '欧阳带'],
      [Buffer.from(text('司马无', p2)), '司马无'],
      [gbk(text('诸葛国', p3)), '诸葛国'],
    ] as const) {
      const preview = await previewImport(world.schoolAdmin, { schoolId: world.a.id }, bytes, '名册.csv');
      expect(preview.body.errors).toEqual([]);
      expect(preview.body.rows).toEqual([expect.objectContaining({ name, action: 'create', position: 'vice_principal', subjects: ['道德与法治'], grades: ['初一', '初二'], titles: ['subject_leader'] })]);
    }
  });

  it('refuses files that are not spreadsheets, old .xls files, and the wrong type or size, before reading them', async () => {
    const token = world.schoolAdmin;
    const png = await api<ErrorBody>('POST', '/v1/uploads', { token, body: { fileName: 'a.png', contentType: 'image/png', size: 10, purpose: 'import' } });
    expect(png.status).toBe(400);
    expect(png.body.details?.fieldErrors?.contentType).toEqual(['导入文件只能是 Excel（.xlsx）或 CSV 文件，请另存为 .xlsx 后重新选择']);
    const big = await api<ErrorBody>('POST', '/v1/uploads', { token, body: { fileName: 'a.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: 6 * 1024 * 1024, purpose: 'import' } });
    expect(big.body.details?.fieldErrors?.size?.[0]).toContain('5 MB');
    // XLSX bytes declared as CSV, and a PNG declared as CSV: refused at upload.
    await expect(uploadImportFile(token, await excelFile([TEACHER_HEADER]), 'a.csv')).rejects.toThrow(/415/);
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]);
    await expect(uploadImportFile(token, xls, 'a.csv')).rejects.toThrow(/415/);
    // A broken ZIP that starts like one: a message, not a 500.
    const broken = await previewImport(token, { schoolId: world.a.id }, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
    expect(broken.status).toBe(400);
    expect((broken.body as unknown as ErrorBody).message).toContain('无法读取');
    // Someone else's upload is not yours to import.
    const mine = await uploadImportFile(token, await excelFile([TEACHER_HEADER]));
    const other = (await devLogin('district-admin')).token;
    const stolen = await api<ErrorBody>('POST', '/v1/imports', { token: other, body: { kind: 'teachers', schoolId: world.a.id, uploadId: mine } });
    expect(stolen.status).toBe(400);
    expect(stolen.body.code).toBe('UPLOAD_INVALID');
    // Neither both targets nor none.
    const both = await api<ErrorBody>('POST', '/v1/imports', { token, body: { kind: 'teachers', schoolId: world.a.id, federationId: world.federation.id, uploadId: mine } });
    expect(both.status).toBe(400);
    expect(both.body.details?.fieldErrors?.schoolId?.[0]).toContain('其中之一');
  });

  it('is for the admins of the school: another school admin, a teacher and an unknown preview are refused', async () => {
    const file = await excelFile([TEACHER_HEADER, ['越权', newPhone()]]);
    const otherAdmin = (await devLogin('core-admin')).token;
    const res = await api<ErrorBody>('POST', '/v1/imports', { token: otherAdmin, body: { kind: 'teachers', schoolId: world.a.id, uploadId: await uploadImportFile(otherAdmin, file) } });
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('自己管理的学校');
    const teacher = (await devLogin('core-teacher-1')).token;
    expect((await api('POST', '/v1/imports', { token: teacher, body: { kind: 'teachers', schoolId: world.a.id, uploadId: 'x' } })).status).toBe(403);
    const preview = await previewImport(world.schoolAdmin, { schoolId: world.a.id }, file);
    expect((await applyImport(otherAdmin, preview.body.id)).status).toBe(403);
    const unknown = await applyImport(world.schoolAdmin, '01JUNKNOWNIMPORT000000000');
    expect(unknown.status).toBe(404);
    expect((unknown.body as unknown as ErrorBody).message).toContain('重新上传');
  });
});
