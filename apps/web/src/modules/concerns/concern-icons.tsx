import type { ConcernCategory } from '@siyi/contracts';
import type { ReactNode } from 'react';
import { CART_PATH, SvgIcon } from '../../ui/plain/icons';

/*
 * One picture per category, so an older shop owner finds the chip at a glance: inline SVG (24×24, currentColor),
 * the one set the retailer's home chips and the staff's antd pages (labels, the concern form) both draw —
 * @ant-design/icons would bring antd's icon context to the home. Decorative: the words beside it name it. Types
 * only from the contracts: the home must not carry the contracts' runtime (zod and every schema) for them.
 */
export const categoryIcons: Record<ConcernCategory, ReactNode> = {
  supply: (
    <SvgIcon>
      <path d="M22 12h-6l-2 3h-4l-2-3H2M5.5 5.1L2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.5-6.9A2 2 0 0 0 16.8 4H7.2a2 2 0 0 0-1.7 1.1z" />
    </SvgIcon>
  ),
  price: (
    <SvgIcon>
      <rect x="2" y="6" width="20" height="12" rx="2" />
      <circle cx="12" cy="12" r="2.5" />
      <path d="M6 12h.01M18 12h.01" />
    </SvgIcon>
  ),
  delivery: (
    <SvgIcon>
      <path d="M1 4h14v12H1zM15 9h4l3 3v4h-7z" />
      <circle cx="5.5" cy="18.5" r="2" />
      <circle cx="18.5" cy="18.5" r="2" />
    </SvgIcon>
  ),
  ordering: (
    <SvgIcon>
      <path d={CART_PATH} />
    </SvgIcon>
  ),
  service_attitude: (
    <SvgIcon>
      <circle cx="12" cy="12" r="10" />
      <path d="M8 14s1.5 2 4 2 4-2 4-2M9 9h.01M15 9h.01" />
    </SvgIcon>
  ),
  forced_ordering: (
    <SvgIcon>
      <circle cx="12" cy="12" r="10" />
      <path d="M4.9 4.9l14.2 14.2" />
    </SvgIcon>
  ),
  counterfeit: (
    <SvgIcon>
      <path d="M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z" />
      <path d="M9 12l2 2 4-4" />
    </SvgIcon>
  ),
  licence: (
    <SvgIcon>
      <rect x="2" y="5" width="20" height="14" rx="2" />
      <circle cx="8" cy="12" r="2" />
      <path d="M14 10h4M14 14h4M5 16.5c.6-1.2 1.7-2 3-2s2.4.8 3 2" />
    </SvgIcon>
  ),
  suggestion: (
    <SvgIcon>
      <path d="M9 18h6M10 22h4M12 2a7 7 0 0 0-4 12.7c.6.5 1 1.3 1 2.3h6c0-1 .4-1.8 1-2.3A7 7 0 0 0 12 2z" />
    </SvgIcon>
  ),
  other: (
    <SvgIcon>
      <path d="M5 12h.01M12 12h.01M19 12h.01" strokeWidth="3" />
    </SvgIcon>
  ),
};

/** The categories in the contract's order (a test holds them to `concernCategories`). */
export const categoryOrder = Object.keys(categoryIcons) as ConcernCategory[];
