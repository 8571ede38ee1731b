import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RetailerImportReport } from '@siyi/contracts';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../app';
import type { Database } from '../../db/database';
import { retailers } from '../../db/schema';
import {
  createTestApp,
  databaseTargets,
  FIXTURE_PASSWORD,
  getAs,
  makeCompany,
  makeDistrict,
  makeRetailer,
  makeRetailerUser,
  makeSignedInUser,
  makeUser,
  type OrgUnitRow,
  type RetailerRow,
  type Session,
  signIn,
  type UserRow,
} from '../../testing';
import { csv, HEADER_ZH, multipart, rowZh, upload } from './import-testing';

const naughtyStrings: string[] = JSON.parse(
  readFileSync(new URL('../../../../../../shared/data/naughty/blns.json', import.meta.url), 'utf8'),
);

const targets = await databaseTargets();

describe.each(targets)('retailer import and export on $kind', (target) => {
  let database: Database;
  let app: AppInstance;
  let company: OrgUnitRow;
  let districtA: OrgUnitRow;
  let districtB: OrgUnitRow;
  let managerA: UserRow;
  let existing: RetailerRow;
  let foreign: RetailerRow;
  let admin: Session;
  let supervisor: Session;
  let manager: Session;
  let retailerSession: Session;
  let otherAdmin: Session;

  beforeAll(async () => {
    database = await target.open();
    app = await createTestApp(database);
    const db = database.db;
    company = await makeCompany(db);
    districtA = await makeDistrict(db, { parentId: company.id, name: '导入甲片区' });
    districtB = await makeDistrict(db, { parentId: company.id, name: '导入乙片区' });
    const otherDistrict = await makeDistrict(db);
    managerA = await makeUser(db, { role: 'manager', orgUnitId: districtA.id, displayName: '甲经理' });
    await makeUser(db, { role: 'manager', orgUnitId: districtB.id, displayName: '乙经理' });
    existing = await makeRetailer(db, { districtId: districtA.id, managerId: managerA.id, shopName: '老店' });
    foreign = await makeRetailer(db, { districtId: otherDistrict.id });
    admin = (await makeSignedInUser(app, db, { role: 'admin', orgUnitId: company.id })).session;
    supervisor = (await makeSignedInUser(app, db, { role: 'supervisor', orgUnitId: districtA.id })).session;
    manager = await signIn(app, managerA.username, FIXTURE_PASSWORD);
    retailerSession = await signIn(app, (await makeRetailerUser(db, existing)).username, FIXTURE_PASSWORD);
    otherAdmin = (await makeSignedInUser(app, db, { role: 'admin', orgUnitId: otherDistrict.parentId as number }))
      .session;
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const count = async () => Number((await database.db.select({ n: sql<number>`count(*)` }).from(retailers))[0]?.n ?? 0);
  const auditCount = async () =>
    Number((await database.db.execute<{ n: string }>(sql`select count(*) as n from audit_log`)).rows[0]?.n ?? 0);

  it('a dry run with one bad row writes nothing and reports that row, in the caller’s language', async () => {
    const before = await count();
    const rows = [HEADER_ZH, rowZh(101, '导入甲片区', '甲经理'), rowZh(102, '导入甲片区', '甲经理')];
    (rows[2] as (string | number)[])[6] = 31; // tier out of range, in the file's row 3
    for (const [language, text] of [
      ['zh-CN', '应为 1 到 30 之间的整数。'],
      ['en', 'Use a whole number from 1 to 30.'],
    ] as const) {
      const response = await upload(app, admin, Buffer.from(csv(rows)), { language });
      expect(response.statusCode, response.body).toBe(200);
      const report = response.json<RetailerImportReport>();
      expect(report.errors).toEqual([{ row: 3, column: '档位', message: text }]);
      expect(report).toMatchObject({ dryRun: true, committed: false, created: 1, updated: 0, errorCount: 1 });
    }
    // A commit of the same file writes nothing either: all or nothing.
    const commit = await upload(app, admin, Buffer.from(csv(rows)), { dryRun: false });
    expect(commit.json()).toMatchObject({ committed: false, created: 1, errorCount: 1 });
    expect(await count()).toBe(before);
  });

  it('commits creates and updates by licence number: version bumped, pinyin set, audited, on the timeline', async () => {
    const key = randomUUID();
    const audits = await auditCount();
    const rows = [
      HEADER_ZH,
      rowZh(201, '导入甲片区', '甲经理'),
      rowZh(202, '', '乙经理'), // no district: the manager's (乙)
      [
        existing.licenceNo,
        '老店新名',
        existing.ownerName,
        existing.phone,
        existing.address,
        '超市',
        12,
        '',
        '甲经理',
        String(existing.lat),
        String(existing.lng),
        '07:30-22:00',
        '周三',
      ],
    ];
    const response = await upload(app, admin, Buffer.from(`\uFEFF${csv(rows)}`), { dryRun: false, key });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ committed: true, created: 2, updated: 1, unchanged: 0, errors: [] });

    const [updated] = await database.db.select().from(retailers).where(eq(retailers.id, existing.id));
    expect(updated).toMatchObject({
      shopName: '老店新名',
      businessFormat: 'supermarket',
      tier: 12,
      opensAt: 450,
      closesAt: 1320,
      orderWeekday: 3,
      version: existing.version + 1,
    });
    expect(updated?.searchPinyin).toContain('laodianxinming');
    const [created] = await database.db.select().from(retailers).where(eq(retailers.licenceNo, '411002000202'));
    expect(created).toMatchObject({ districtId: districtB.id, shopName: '导入便利店202', countyCode: '411002' });
    expect(created?.searchPinyin).toContain('daorubianlidian');

    // One audit row for the import (with the ids created), one per retailer changed; a timeline event on each.
    expect(await auditCount()).toBe(audits + 2);
    const audit = await database.db.execute<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      sql`select before, after from audit_log where entity_type = 'retailer' and entity_id = ${String(existing.id)}`,
    );
    expect(audit.rows[0]?.before).toMatchObject({ shopName: '老店', tier: existing.tier });
    expect(audit.rows[0]?.after).toMatchObject({ shopName: '老店新名', tier: 12 });
    const events = await database.db.execute<{ kind: string }>(
      sql`select kind from timeline_events where source_type = 'retailer_import' and source_id = ${key} order by kind`,
    );
    expect(events.rows.map((e) => e.kind)).toEqual(['profile.created', 'profile.created', 'profile.updated']);

    // The progress the web polls, for its owner only.
    const progress = await getAs(app, admin, `/api/retailers/import/${key}`);
    expect(progress.json()).toMatchObject({ status: 'done', totalRows: 3, processedRows: 3, createdCount: 2 });
    expect((await getAs(app, otherAdmin, `/api/retailers/import/${key}`)).statusCode).toBe(404);
    expect((await getAs(app, admin, `/api/retailers/import/${randomUUID()}`)).statusCode).toBe(404);
    // The same key cannot start a second import.
    const again = await upload(app, admin, Buffer.from(csv(rows)), { key });
    expect(again.statusCode).toBe(400);

    // Imported again unchanged: nothing to write, no version bump.
    const same = await upload(app, admin, Buffer.from(csv(rows)), { dryRun: false });
    expect(same.json()).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 3 });
  });

  it('a commit of creations and updates writes exactly its audit and timeline rows, in file order', async () => {
    const licence = (n: number) => `411002${String(n).padStart(6, '0')}`;
    const first = await upload(
      app,
      admin,
      Buffer.from(csv([HEADER_ZH, ...[411, 412, 413].map((n) => rowZh(n, '导入甲片区', '甲经理'))])),
      {
        dryRun: false,
      },
    );
    expect(first.json()).toMatchObject({ committed: true, created: 3 });
    const renamed = rowZh(411, '导入甲片区', '甲经理');
    renamed[1] = '改名店411';
    renamed[6] = 3;
    const newPhone = rowZh(412, '导入甲片区', '甲经理');
    newPhone[3] = '13900000412';
    const key = randomUUID();
    const audits = await auditCount();
    const response = await upload(
      app,
      admin,
      Buffer.from(
        csv([
          HEADER_ZH,
          renamed,
          rowZh(415, '导入甲片区', '甲经理'),
          newPhone,
          rowZh(413, '导入甲片区', '甲经理'),
          rowZh(416, '', '乙经理'),
        ]),
      ),
      { dryRun: false, key },
    );
    expect(response.json()).toMatchObject({ committed: true, created: 2, updated: 2, unchanged: 1, errors: [] });
    const ids = new Map(
      (
        await database.db
          .select({ id: retailers.id, licenceNo: retailers.licenceNo })
          .from(retailers)
          .where(sql`${retailers.licenceNo} in (${sql.join([411, 412, 415, 416].map(licence), sql`, `)})`)
      ).map((r) => [r.licenceNo, r.id]),
    );
    const id = (n: number) => ids.get(licence(n)) as number;

    expect(await auditCount()).toBe(audits + 3);
    const auditRows = await database.db.execute<Record<string, unknown>>(sql`
      select entity_type, entity_id, action, district_id, before, after, actor_role
      from audit_log
      where (entity_type = 'retailer_import' and entity_id = ${key})
         or (entity_type = 'retailer' and action = 'retailer.import.update'
             and entity_id in (${String(id(411))}, ${String(id(412))}))
      order by id`);
    expect(auditRows.rows).toEqual([
      {
        entity_type: 'retailer_import',
        entity_id: key,
        action: 'retailer.import',
        district_id: null,
        before: null,
        after: {
          fileName: 'retailers.csv',
          format: 'csv',
          totalRows: 5,
          created: 2,
          updated: 2,
          unchanged: 1,
          createdRetailerIds: [id(415), id(416)],
        },
        actor_role: 'admin',
      },
      {
        entity_type: 'retailer',
        entity_id: String(id(411)),
        action: 'retailer.import.update',
        district_id: districtA.id,
        before: { shopName: '导入便利店411', tier: (411 % 30) + 1 },
        after: { shopName: '改名店411', tier: 3 },
        actor_role: 'admin',
      },
      {
        entity_type: 'retailer',
        entity_id: String(id(412)),
        action: 'retailer.import.update',
        district_id: districtA.id,
        before: { phone: '13800000412' },
        after: { phone: '13900000412' },
        actor_role: 'admin',
      },
    ]);
    const eventRows = await database.db.execute<Record<string, unknown>>(sql`
      select retailer_id, district_id, kind, source_type, data from timeline_events
      where source_id = ${key} order by id`);
    const file = { source: 'import', fileName: 'retailers.csv' };
    expect(eventRows.rows).toEqual([
      {
        retailer_id: id(415),
        district_id: districtA.id,
        kind: 'profile.created',
        source_type: 'retailer_import',
        data: file,
      },
      {
        retailer_id: id(416),
        district_id: districtB.id,
        kind: 'profile.created',
        source_type: 'retailer_import',
        data: file,
      },
      {
        retailer_id: id(411),
        district_id: districtA.id,
        kind: 'profile.updated',
        source_type: 'retailer_import',
        data: { ...file, fields: ['shopName', 'tier'] },
      },
      {
        retailer_id: id(412),
        district_id: districtA.id,
        kind: 'profile.updated',
        source_type: 'retailer_import',
        data: { ...file, fields: ['phone'] },
      },
    ]);
  });

  it('reads a GBK (GB18030) CSV', async () => {
    const rows = [HEADER_ZH, rowZh(301, '导入甲片区', '甲经理')];
    const response = await upload(app, admin, iconv.encode(csv(rows), 'gbk'));
    expect(response.json()).toMatchObject({ encoding: 'gb18030', created: 1, errors: [] });
    expect(response.json<RetailerImportReport>().columns.map((c) => c.header)).toEqual([...HEADER_ZH]);
  });

  it('reads an XLSX, numbers and dates as the sheet shows them, and refuses formula cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('零售户');
    sheet.addRow([...HEADER_ZH, '许可证有效期止']);
    const good = rowZh(401, '导入甲片区', '甲经理');
    good[0] = Number(good[0]); // a licence number typed as a number
    sheet.addRow([...good, new Date(Date.UTC(2027, 5, 30))]);
    const bad = rowZh(402, '导入甲片区', '甲经理');
    sheet.addRow([...bad.slice(0, 1), { formula: 'CONCATENATE("a","b")', result: 'ab' }, ...bad.slice(2), '']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await upload(app, admin, bytes, { fileName: 'retailers.xlsx', dryRun: false });
    const report = response.json<RetailerImportReport>();
    expect(report).toMatchObject({ format: 'xlsx', committed: false, created: 1, errorCount: 1 });
    expect(report.errors[0]).toMatchObject({ row: 3, column: '店名' });
    expect(report.errors[0]?.message).toContain('公式');

    sheet.spliceRows(3, 1);
    const fixed = await upload(app, admin, Buffer.from(await workbook.xlsx.writeBuffer()), { dryRun: false });
    expect(fixed.json()).toMatchObject({ committed: true, created: 1 });
    const [row] = await database.db.select().from(retailers).where(eq(retailers.licenceNo, '411002000401'));
    expect(row?.licenceValidTo).toBe('2027-06-30');
  });

  it('reports bad rows clearly: duplicates, unknown names, another company’s retailer, a CSV formula', async () => {
    const rows = [
      HEADER_ZH,
      rowZh(501, '导入甲片区', '甲经理'),
      rowZh(501, '导入甲片区', '甲经理'),
      rowZh(502, '没有的片区', '甲经理'),
      rowZh(503, '导入甲片区', '没有的经理'),
      rowZh(504, '导入甲片区', '乙经理'),
      [foreign.licenceNo, ...rowZh(505, '导入甲片区', '甲经理').slice(1)],
      ['=HYPERLINK("http://x")', ...rowZh(506, '导入甲片区', '甲经理').slice(1)],
      ["'=1+1", ...rowZh(507, '导入甲片区', '甲经理').slice(1)],
    ];
    const response = await upload(app, admin, Buffer.from(csv(rows)), { language: 'en' });
    const report = response.json<RetailerImportReport>();
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '许可证号'],
      [4, '片区'],
      [5, '客户经理'],
      [6, '客户经理'],
      [7, '许可证号'],
      [8, '许可证号'],
      [9, '许可证号'],
    ]);
    expect(report.errors.map((e) => e.message)).toEqual([
      'Licence number 411002000501 appears more than once (first in row 2).',
      'Your company has no district called "没有的片区".',
      'Your company has no active customer manager called "没有的经理".',
      'Customer manager "乙经理" does not work in district "导入甲片区".',
      `Licence number ${foreign.licenceNo} belongs to a retailer of another company and cannot be imported here.`,
      expect.stringContaining('formula'),
      'A licence number has 12 digits.',
    ]);
    expect(report.created).toBe(1);
  });

  it('names missing columns a new retailer needs, and recognises English headers', async () => {
    const rows = [
      ['Licence no.', 'Shop name', 'Owner', 'Phone', 'Address', 'Business format', 'Tier', 'District', 'Colour'],
      ['411002000601', 'Corner Shop', 'Li', '13800000000', 'Road 1', 'Convenience store', '5', '导入甲片区', 'red'],
      [existing.licenceNo, 'Renamed', existing.ownerName, existing.phone, existing.address, 'Grocery', '3', '', ''],
    ];
    const report = (await upload(app, admin, Buffer.from(csv(rows)), { language: 'en' })).json<RetailerImportReport>();
    expect(report.ignoredColumns).toEqual(['Colour']);
    expect(report.updated).toBe(1);
    expect(report.errors.map((e) => e.message)).toEqual([
      'A new retailer needs the column "Latitude", which the file does not have.',
      'A new retailer needs the column "Longitude", which the file does not have.',
      'A new retailer needs the column "Opening hours", which the file does not have.',
      'A new retailer needs the column "Order day", which the file does not have.',
    ]);
  });

  it('answers a bad file with a clear 4xx and writes nothing', async () => {
    const before = await count();
    const cases: [string, Buffer, number, string][] = [
      ['empty', Buffer.alloc(0), 400, '文件是空的'],
      ['blank lines', Buffer.from('\r\n\r\n'), 400, '文件是空的'],
      ['unclosed quote', Buffer.from('许可证号,店名\n411002000701,"没关上\n'), 400, 'CSV 文件第'],
      ['broken zip', Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(200, 7)]), 400, '无法读取'],
      ['old xls', Buffer.from('d0cf11e0a1b11ae1000000', 'hex'), 400, '.xls'],
      ['no licence column', Buffer.from('店名,电话\n小店,123\n'), 400, '许可证号'],
      ['duplicate column', Buffer.from('许可证号,店名,商户名称\n'), 400, '同一项'],
      ['binary', Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 9]), 400, '无法读取'],
    ];
    for (const [name, bytes, status, text] of cases) {
      const response = await upload(app, admin, bytes);
      expect(response.statusCode, `${name}: ${response.body}`).toBe(status);
      expect(JSON.stringify(response.json().fields), name).toContain(text);
    }
    // 50 MB: 413 with the limit named.
    const huge = await upload(app, admin, Buffer.alloc(50 * 1024 * 1024, 0x41));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().fields.file).toContain('20 MB');
    // No file at all, a file under another field name, a JSON body.
    const { payload, contentType } = multipart('x.csv', Buffer.from('a'), 'other');
    const wrongField = await app.inject({
      method: 'POST',
      url: '/api/retailers/import',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': contentType },
      payload,
    });
    expect(wrongField.statusCode).toBe(400);
    const json = await app.inject({
      method: 'POST',
      url: '/api/retailers/import',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('takes naughty strings as text or reports them — never a 500', async () => {
    const rows: (string | number)[][] = [[...HEADER_ZH, '备注']];
    naughtyStrings.forEach((text, i) => {
      const row = rowZh(800 + i, '导入甲片区', '甲经理');
      row[0] = `4110020${String(20_000 + i).padStart(5, '0')}`;
      row[1] = text;
      rows.push([...row, text]);
    });
    const response = await upload(app, admin, Buffer.from(csv(rows)), { dryRun: false });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<RetailerImportReport>();
    // Blank names are required; formulas and control characters are reported, everything else is plain text.
    expect(report.errorCount).toBeGreaterThan(0);
    expect(report.committed).toBe(false);
    const fine = rows.filter((_, i) => i > 0 && !report.errors.some((e) => e.row === i + 1));
    const commit = await upload(app, admin, Buffer.from(csv([rows[0] as string[], ...fine])), { dryRun: false });
    expect(commit.json()).toMatchObject({ committed: true, errorCount: 0 });
    const names = await database.db.execute<{ shop_name: string }>(
      sql`select shop_name from retailers where licence_no between '411002020000' and '411002029999'`,
    );
    expect(names.rows.length).toBe(fine.length);
  });

  it('lets only admins import and see progress; supervisors and admins export, in scope', async () => {
    const body = Buffer.from(csv([HEADER_ZH, rowZh(901, '导入甲片区', '甲经理')]));
    for (const session of [supervisor, manager, retailerSession]) {
      expect((await upload(app, session, body)).statusCode).toBe(403);
      expect((await getAs(app, session, `/api/retailers/import/${randomUUID()}`)).statusCode).toBe(403);
    }
    for (const session of [manager, retailerSession]) {
      expect((await getAs(app, session, '/api/retailers/export')).statusCode).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: '/api/retailers/export' })).statusCode).toBe(401);
    // A supervisor's export holds the district's retailers only.
    const own = await getAs(app, supervisor, '/api/retailers/export?format=csv');
    expect(own.statusCode).toBe(200);
    const lines = own.body.trim().split('\r\n');
    const inDistrict = await database.db.select().from(retailers).where(eq(retailers.districtId, districtA.id));
    expect(lines.length - 1).toBe(inDistrict.length);
    expect(own.body).not.toContain(foreign.licenceNo);
    // The list's filters apply.
    const filtered = await getAs(app, admin, `/api/retailers/export?q=${encodeURIComponent(existing.licenceNo)}`);
    expect(filtered.body.trim().split('\r\n')).toHaveLength(2);
    // The business-format filter is `businessFormat` here (`format` is the file's), through the list's own builder.
    const supermarkets = await getAs(app, admin, '/api/retailers/export?businessFormat=supermarket&lang=en');
    const cells = supermarkets.body.trim().split('\r\n').slice(1);
    expect(cells.length).toBeGreaterThan(0);
    for (const line of cells) expect(line).toContain(',Supermarket,');
    expect((await getAs(app, admin, '/api/retailers/export?format=pdf')).statusCode).toBe(400);
  });

  it('exports with a BOM, headers in the caller’s language and formula-looking text escaped', async () => {
    await database.db
      .update(retailers)
      .set({ shopName: '=HYPERLINK("http://evil")', ownerName: '+86 王', address: '@地址', notes: '-1\n第二行' })
      .where(eq(retailers.id, existing.id));
    const zh = await getAs(app, admin, `/api/retailers/export?format=csv&q=${existing.licenceNo}`);
    expect(zh.headers['content-type']).toContain('text/csv');
    expect(zh.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(zh.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(zh.body).toContain('许可证号,店名,负责人');
    expect(zh.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(zh.body).toContain("'+86 王");
    expect(zh.body).toContain("'@地址");
    expect(zh.body).toContain(`"'-1\n第二行"`);
    const en = await getAs(app, admin, `/api/retailers/export?format=csv&lang=en&q=${existing.licenceNo}`);
    expect(en.body).toContain('Licence no.,Shop name,Owner');

    const xlsx = await getAs(app, admin, `/api/retailers/export?format=xlsx&q=${existing.licenceNo}`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.worksheets[0]?.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(String(cell.value));
      });
    });
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/u);
    expect(cells).toContain(`'=HYPERLINK("http://evil")`);
  });

  it('round-trips: an exported CSV and XLSX import back with nothing to change', async () => {
    for (const [format, lang] of [
      ['csv', 'zh-CN'],
      ['xlsx', 'en'],
    ] as const) {
      const exported = await getAs(app, admin, `/api/retailers/export?format=${format}&lang=${lang}`);
      const report = (
        await upload(app, admin, exported.rawPayload, { fileName: `retailers.${format}`, dryRun: false })
      ).json<RetailerImportReport>();
      expect(report.errors, `${format}: ${JSON.stringify(report).slice(0, 300)}`).toEqual([]);
      expect(report.ignoredColumns).toEqual([]);
      const ours = await database.db.execute<{ n: string; entities: string }>(sql`
        select count(*) as n,
               count(*) filter (where concat_ws(' ', shop_name, owner_name, address, notes) ~ '&(#[0-9]+|[a-z]+);')
                 as entities
        from retailers r join org_units d on d.id = r.district_id where d.parent_id = ${company.id}`);
      const total = Number(ours.rows[0]?.n);
      // exceljs 4.4's reader decodes XML entities twice: text that literally holds "&lt;" reads back as "<". Such
      // retailers (naughty strings above) may come back changed from an XLSX; everything else comes back unchanged.
      const changed = format === 'xlsx' ? Number(ours.rows[0]?.entities) : 0;
      expect(report.created).toBe(0);
      expect(report.updated, JSON.stringify(report).slice(0, 300)).toBeLessThanOrEqual(changed);
      expect(report.updated + report.unchanged).toBe(total);
    }
  });

  it.skipIf(process.env.SKIP_30K)(
    'imports 30,000 rows in one commit',
    async () => {
      const rows: (string | number)[][] = [[...HEADER_ZH]];
      for (let i = 0; i < 30_000; i++) rows.push(rowZh(100_000 + i, i % 2 ? '导入甲片区' : '导入乙片区', ''));
      const before = await count();
      const response = await upload(app, admin, Buffer.from(csv(rows)), { dryRun: false });
      expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
      expect(response.json()).toMatchObject({ committed: true, created: 30_000, errorCount: 0 });
      expect(await count()).toBe(before + 30_000);
    },
    300_000,
  );
});
