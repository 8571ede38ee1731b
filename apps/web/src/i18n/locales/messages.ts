import type { zhCN } from './zh-CN';

type StringTree<T> = { [K in keyof T]: T[K] extends string ? string : StringTree<T[K]> };

/** The shape every language must fill: the Chinese tree's keys, with any strings as values. */
export type Messages = StringTree<typeof zhCN>;
