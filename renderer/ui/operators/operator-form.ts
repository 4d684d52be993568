// The forms on the Operators screen: add an operator, edit one (name, roles), and set a new
// password for one. Checks follow the contract's schemas; inputs are built trimmed.
import type { MethodInput } from '../../../shared/contract';
import type { OperatorSummary } from '../../../shared/auth';
import { ROLES, type Role } from '../../../shared/roles';
import {
  collect,
  displayNameProblem,
  newPasswordProblem,
  repeatProblem,
  rolesProblem,
  usernameProblem,
  type Problems,
} from '../forms/validation';

export interface OperatorForm {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly password: string;
  readonly passwordRepeat: string;
}

export type OperatorField = keyof OperatorForm;

export const EMPTY_OPERATOR_FORM: OperatorForm = {
  username: '',
  displayName: '',
  roles: ['operator'],
  password: '',
  passwordRepeat: '',
};

export function editFormOf(operator: OperatorSummary): OperatorForm {
  return {
    ...EMPTY_OPERATOR_FORM,
    username: operator.username,
    displayName: operator.displayName,
    roles: operator.roles,
  };
}

/** Roles in their usual order, one toggled. */
export function toggleRole(roles: readonly Role[], role: Role): Role[] {
  const next = roles.includes(role) ? roles.filter((r) => r !== role) : [...roles, role];
  return ROLES.filter((r) => next.includes(r));
}

export function validateCreate(form: OperatorForm): Problems<OperatorField> {
  return collect<OperatorField>({
    username: usernameProblem(form.username),
    displayName: displayNameProblem(form.displayName),
    roles: rolesProblem(form.roles),
    password: newPasswordProblem(form.password),
    passwordRepeat: repeatProblem(form.password, form.passwordRepeat),
  });
}

export function validateEdit(form: OperatorForm): Problems<OperatorField> {
  return collect<OperatorField>({
    username: null,
    displayName: displayNameProblem(form.displayName),
    roles: rolesProblem(form.roles),
    password: null,
    passwordRepeat: null,
  });
}

export function createInput(form: OperatorForm): MethodInput<'operators.create'> {
  return {
    username: form.username.trim().toLowerCase(),
    displayName: form.displayName.trim(),
    roles: [...form.roles],
    password: form.password,
  };
}

/** Only what changed is sent. */
export function updateInput(operator: OperatorSummary, form: OperatorForm): MethodInput<'operators.update'> {
  const displayName = form.displayName.trim();
  const sameRoles =
    form.roles.length === operator.roles.length && form.roles.every((r) => operator.roles.includes(r));
  return {
    id: operator.id,
    ...(displayName !== operator.displayName ? { displayName } : {}),
    ...(sameRoles ? {} : { roles: [...form.roles] }),
  };
}

export interface ResetForm {
  readonly password: string;
  readonly passwordRepeat: string;
}

export function validateReset(form: ResetForm): Problems<keyof ResetForm> {
  return collect<keyof ResetForm>({
    password: newPasswordProblem(form.password),
    passwordRepeat: repeatProblem(form.password, form.passwordRepeat),
  });
}
