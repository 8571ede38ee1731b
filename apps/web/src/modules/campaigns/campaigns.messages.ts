import { addChineseMessages } from '@/i18n/i18n';
import { campaignsZhCN } from './campaigns.zh-CN';

// This module's Chinese words, taken into the catalogue when the first file that reads them loads (i18n.ts).
addChineseMessages({ campaigns: campaignsZhCN });
