// Role names as one phrase in the UI language: "Auditor or Security officer", "审计员或安全员".
import { useTranslation } from 'react-i18next';
import type { Role } from '../../shared/roles';
import { useStationStore } from '../state/station-store';

export function useRolesText(): (roles: readonly Role[], joiner: 'and' | 'or') => string {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  return (roles, joiner) =>
    new Intl.ListFormat(language, { type: joiner === 'and' ? 'conjunction' : 'disjunction' }).format(
      roles.map((role) => t(`roles.${role}`)),
    );
}
