/**
 * antd components the app never draws. Their rules are left out of antd's static stylesheet (antd/dist/antd.css,
 * 1 MB raw; see vite.config.ts): with `theme.zeroRuntime` (app/providers.tsx) that sheet replaces the styles antd
 * would otherwise generate in the browser on every first render, which cost the phone most of its main-thread time.
 * A rule goes only when every one of its selectors names one of these; shared rules stay. A page that starts using
 * one of these components must take it off this list — antd-unused-components.test.ts fails until it does, since
 * the component would otherwise be drawn without its styles.
 */
export const UNUSED_ANTD_COMPONENTS: readonly string[] = [
  'anchor',
  'avatar',
  'breadcrumb',
  'calendar',
  'carousel',
  'cascader',
  'collapse',
  'color-picker',
  'float-btn',
  'image',
  'list',
  'masonry',
  // Menus are always light here.
  'menu-dark',
  'mentions',
  'qrcode',
  'ribbon',
  'slider',
  'splitter',
  'steps',
  'switch',
  'tour',
  'transfer',
  'tree',
  'upload',
  'watermark',
];
