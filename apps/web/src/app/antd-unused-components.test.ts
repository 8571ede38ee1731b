import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNUSED_ANTD_COMPONENTS } from './antd-unused-components';

const SRC = new URL('..', import.meta.url).pathname;

/** The antd export → the class prefix its styles use, for every component the stylesheet may leave out. */
const STYLE_PREFIX: Record<string, string> = {
  Anchor: 'anchor',
  Avatar: 'avatar',
  Breadcrumb: 'breadcrumb',
  Calendar: 'calendar',
  Carousel: 'carousel',
  Cascader: 'cascader',
  Collapse: 'collapse',
  ColorPicker: 'color-picker',
  DatePicker: 'picker',
  FloatButton: 'float-btn',
  Image: 'image',
  List: 'list',
  Masonry: 'masonry',
  Mentions: 'mentions',
  QRCode: 'qrcode',
  Slider: 'slider',
  Splitter: 'splitter',
  Steps: 'steps',
  Switch: 'switch',
  TimePicker: 'picker',
  Tour: 'tour',
  Transfer: 'transfer',
  Tree: 'tree',
  Upload: 'upload',
  Watermark: 'watermark',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every style prefix a source file draws: named imports from 'antd', default imports from 'antd/es/x', ribbons. */
export function prefixesUsed(source: string): string[] {
  const used = new Set<string>();
  for (const match of source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'antd'/g)) {
    if (/^import\s*type/.test(match[0])) continue;
    for (const part of (match[1] ?? '').split(',')) {
      const name =
        part
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0] ?? '';
      if (part.trim().startsWith('type ')) continue;
      const prefix = STYLE_PREFIX[name];
      if (prefix) used.add(prefix);
    }
  }
  for (const match of source.matchAll(/from\s*'antd\/(?:es|lib)\/([a-z-]+)'/g)) used.add(match[1] ?? '');
  if (/Badge\.Ribbon/.test(source)) used.add('ribbon');
  return [...used];
}

describe('the antd styles the build leaves out', () => {
  it('reads the components a source file draws', () => {
    expect(
      prefixesUsed("import { Button, DatePicker, type UploadProps, Switch as Toggle } from 'antd';").sort(),
    ).toEqual(['picker', 'switch']);
    expect(prefixesUsed("import type { ListProps } from 'antd';\nimport List from 'antd/es/list';")).toEqual(['list']);
    expect(prefixesUsed('<Badge.Ribbon text="新" />')).toEqual(['ribbon']);
  });

  it('never names a component the app draws (it would show without its styles)', () => {
    const unused = new Set(UNUSED_ANTD_COMPONENTS);
    const drawnButUnstyled = sourceFiles(SRC).flatMap((file) =>
      prefixesUsed(readFileSync(file, 'utf8'))
        .filter((prefix) => unused.has(prefix))
        .map((prefix) => `${file.slice(SRC.length)}: ${prefix}`),
    );
    expect(drawnButUnstyled).toEqual([]);
  });
});
