import { addChineseMessages } from '@/i18n/i18n';
import { visitsZhCN } from './visits.zh-CN';

// This module's Chinese words, taken into the catalogue when the first file that reads them loads (i18n.ts).
addChineseMessages({ visits: visitsZhCN });
