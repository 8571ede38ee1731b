/**
 * The list pages that `list-latency.ts` (p95 under 10 users) and `list-cpu.ts` (server CPU per answer) measure:
 * who asks, and the paths each user asks for in turn.
 */
export interface ListPage {
  label: string;
  username: string;
  /** Paths are chosen round robin, so deep pages and first pages mix as users page around. */
  paths: string[];
}

export const PAGES: ListPage[] = [
  { label: 'manager retailers', username: 'manager1', paths: ['/api/retailers?page=1&pageSize=20'] },
  {
    label: 'supervisor retailers',
    username: 'supervisor1',
    paths: ['/api/retailers?page=1&pageSize=20', '/api/retailers?page=20&pageSize=20'],
  },
  { label: 'admin retailers p1', username: 'admin', paths: ['/api/retailers?page=1&pageSize=20'] },
  {
    label: 'admin retailers deep',
    username: 'admin',
    paths: ['/api/retailers?page=50&pageSize=20', '/api/retailers?page=150&pageSize=20'],
  },
  {
    label: 'admin retailers search',
    username: 'admin',
    paths: ['/api/retailers?q=%E7%83%9F%E9%85%92&page=1&pageSize=20', '/api/retailers?q=%E5%BA%97&page=2&pageSize=20'],
  },
  {
    label: 'admin retailers tier',
    username: 'admin',
    paths: ['/api/retailers?tier=12&page=1&pageSize=20', '/api/retailers?status=suspended&page=1&pageSize=20'],
  },
  // Issue 6's find: pinyin (initials and full), a rare Chinese term (no trigram under --locale=C), filters, sorts.
  {
    label: 'admin pinyin initials',
    username: 'admin',
    paths: ['/api/retailers?q=bld&page=1&pageSize=20', '/api/retailers?q=xmb&page=1&pageSize=20'],
  },
  {
    label: 'admin pinyin full',
    username: 'admin',
    paths: ['/api/retailers?q=bianlidian&page=1&pageSize=20', '/api/retailers?q=jianguo&page=1&pageSize=20'],
  },
  {
    label: 'manager pinyin',
    username: 'manager1',
    paths: ['/api/retailers?q=wang&page=1&pageSize=20', '/api/retailers?q=xmb&page=1&pageSize=20'],
  },
  {
    label: 'admin rare Chinese',
    username: 'admin',
    paths: [
      `/api/retailers?q=${encodeURIComponent('建国')}&page=1&pageSize=20`,
      `/api/retailers?q=${encodeURIComponent('东大街')}&page=1&pageSize=20`,
    ],
  },
  {
    label: 'admin filters',
    username: 'admin',
    paths: [
      '/api/retailers?tierMin=20&tierMax=30&format=convenience&pageSize=20',
      '/api/retailers?licence=expiring&sort=licenceExpiry&pageSize=20',
    ],
  },
  {
    label: 'supervisor sorted',
    username: 'supervisor1',
    paths: ['/api/retailers?sort=tierDesc&pageSize=20', '/api/retailers?licence=expired&status=active&pageSize=20'],
  },
  // A common term in tier order: its matches (小卖部: low tiers) sit far along the order's index (searchPage).
  {
    label: 'admin search by tier',
    username: 'admin',
    paths: ['/api/retailers?q=xmb&sort=tierDesc&pageSize=20', '/api/retailers?q=wang&sort=tierDesc&pageSize=20'],
  },
  {
    label: 'admin users',
    username: 'admin',
    paths: ['/api/users?page=1&pageSize=20', '/api/users?page=100&pageSize=20'],
  },
];
