import {
  BulbOutlined,
  CarOutlined,
  EllipsisOutlined,
  IdcardOutlined,
  InboxOutlined,
  MoneyCollectOutlined,
  SafetyCertificateOutlined,
  ShoppingCartOutlined,
  SmileOutlined,
  StopOutlined,
} from '@ant-design/icons';
import type { ConcernCategory } from '@siyi/contracts';
import type { ReactNode } from 'react';

/**
 * One picture per category, so an older shop owner finds the chip at a glance. Types only from the contracts: the
 * shop home shows these chips and must not carry the contracts' runtime (zod and every schema) for them.
 */
export const categoryIcons: Record<ConcernCategory, ReactNode> = {
  supply: <InboxOutlined aria-hidden />,
  price: <MoneyCollectOutlined aria-hidden />,
  delivery: <CarOutlined aria-hidden />,
  ordering: <ShoppingCartOutlined aria-hidden />,
  service_attitude: <SmileOutlined aria-hidden />,
  forced_ordering: <StopOutlined aria-hidden />,
  counterfeit: <SafetyCertificateOutlined aria-hidden />,
  licence: <IdcardOutlined aria-hidden />,
  suggestion: <BulbOutlined aria-hidden />,
  other: <EllipsisOutlined aria-hidden />,
};

/** The categories in the contract's order (a test holds them to `concernCategories`). */
export const categoryOrder = Object.keys(categoryIcons) as ConcernCategory[];
