/** Test helpers for the import: a multipart upload through app.inject, and CSV text from rows. */
import type { AppInstance } from '../../app';
import type { Session } from '../../testing';

export function multipart(fileName: string, bytes: Buffer, field = 'file') {
  const boundary = `----siyi${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function upload(
  app: AppInstance,
  session: Session,
  bytes: Buffer,
  options: { dryRun?: boolean; fileName?: string; key?: string; language?: string } = {},
) {
  const { payload, contentType } = multipart(options.fileName ?? 'retailers.csv', bytes);
  const query = new URLSearchParams({ dryRun: String(options.dryRun ?? true) });
  if (options.key) query.set('key', options.key);
  return app.inject({
    method: 'POST',
    url: `/api/retailers/import?${query.toString()}`,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': contentType,
      'accept-language': options.language ?? 'zh-CN',
    },
    payload,
  });
}

/** CSV text (RFC 4180 quoting) from a header and rows. */
export function csv(rows: readonly (readonly (string | number)[])[]): string {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

export const HEADER_ZH = [
  '许可证号',
  '店名',
  '负责人',
  '电话',
  '地址',
  '业态',
  '档位',
  '片区',
  '客户经理',
  '纬度',
  '经度',
  '营业时间',
  '订货日',
] as const;

/** A valid row for HEADER_ZH: licence 411002 + six digits from `n`. */
export function rowZh(n: number, district: string, manager: string): (string | number)[] {
  return [
    `411002${String(n).padStart(6, '0')}`,
    `导入便利店${n}`,
    `店主${n}`,
    `1380000${String(n % 10000).padStart(4, '0')}`,
    `许昌市魏都区导入路${n}号`,
    '便利店',
    (n % 30) + 1,
    district,
    manager,
    '34.03',
    '113.85',
    '08:00-21:00',
    '周二',
  ];
}
