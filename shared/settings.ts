// Station-wide settings that the UI may read and that persist in the store.
import { z } from 'zod';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const StationName = z.string().trim().min(1).max(64);
