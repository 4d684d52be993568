// Dates and durations written the way the UI's language writes them.
import type { Language } from '../../shared/settings';

export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(
    new Date(iso),
  );
}

export function formatDate(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatMs(ms: number, language: Language): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: ms < 10 ? 2 : 0 }).format(ms);
}

/** The time of day alone, for lists of today's work. */
export function formatTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { timeStyle: 'medium' }).format(new Date(iso));
}
