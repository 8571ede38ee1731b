import type { ConcernCategory } from '@siyi/contracts';
import type { ReactNode } from 'react';
import { SvgIcon } from '../../ui/plain/icons';

/*
 * The home's concern chips' pictures as inline SVG (24×24, currentColor), the same things concern-icons.tsx draws
 * with @ant-design/icons: the retailer's home reaches a phone without antd's icons. Decorative: the chip's words
 * name it. Types only from the contracts (no zod on the home).
 */
function Svg({ children }: { children: ReactNode }) {
  return <SvgIcon>{children}</SvgIcon>;
}

export const chipIcons: Record<ConcernCategory, ReactNode> = {
  supply: (
    <Svg>
      <path d="M22 12h-6l-2 3h-4l-2-3H2M5.5 5.1L2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.5-6.9A2 2 0 0 0 16.8 4H7.2a2 2 0 0 0-1.7 1.1z" />
    </Svg>
  ),
  price: (
    <Svg>
      <rect x="2" y="6" width="20" height="12" rx="2" />
      <circle cx="12" cy="12" r="2.5" />
      <path d="M6 12h.01M18 12h.01" />
    </Svg>
  ),
  delivery: (
    <Svg>
      <path d="M1 4h14v12H1zM15 9h4l3 3v4h-7z" />
      <circle cx="5.5" cy="18.5" r="2" />
      <circle cx="18.5" cy="18.5" r="2" />
    </Svg>
  ),
  ordering: (
    <Svg>
      <path d="M3 3h2l2.4 12.2a2 2 0 0 0 2 1.6h8.4a2 2 0 0 0 2-1.6L21 7H6M10 21h.01M18 21h.01" />
    </Svg>
  ),
  service_attitude: (
    <Svg>
      <circle cx="12" cy="12" r="10" />
      <path d="M8 14s1.5 2 4 2 4-2 4-2M9 9h.01M15 9h.01" />
    </Svg>
  ),
  forced_ordering: (
    <Svg>
      <circle cx="12" cy="12" r="10" />
      <path d="M4.9 4.9l14.2 14.2" />
    </Svg>
  ),
  counterfeit: (
    <Svg>
      <path d="M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z" />
      <path d="M9 12l2 2 4-4" />
    </Svg>
  ),
  licence: (
    <Svg>
      <rect x="2" y="5" width="20" height="14" rx="2" />
      <circle cx="8" cy="12" r="2" />
      <path d="M14 10h4M14 14h4M5 16.5c.6-1.2 1.7-2 3-2s2.4.8 3 2" />
    </Svg>
  ),
  suggestion: (
    <Svg>
      <path d="M9 18h6M10 22h4M12 2a7 7 0 0 0-4 12.7c.6.5 1 1.3 1 2.3h6c0-1 .4-1.8 1-2.3A7 7 0 0 0 12 2z" />
    </Svg>
  ),
  other: (
    <Svg>
      <path d="M5 12h.01M12 12h.01M19 12h.01" strokeWidth="3" />
    </Svg>
  ),
};

/** The categories in the contract's order (a test holds them to `concernCategories`). */
export const chipOrder = Object.keys(chipIcons) as ConcernCategory[];
