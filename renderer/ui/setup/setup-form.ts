// The first-run setup form: the first security officer, and the station passphrase (twice, and
// acknowledged as stored safely) where the station seals its keys with one.
import type { MethodInput } from '../../../shared/contract';
import {
  collect,
  displayNameProblem,
  newPasswordProblem,
  repeatProblem,
  usernameProblem,
  type Problem,
  type Problems,
} from '../forms/validation';

export interface SetupForm {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly passwordRepeat: string;
  readonly passphrase: string;
  readonly passphraseRepeat: string;
  readonly passphraseStored: boolean;
}

export type SetupField = keyof SetupForm;

export const EMPTY_SETUP_FORM: SetupForm = {
  username: '',
  displayName: '',
  password: '',
  passwordRepeat: '',
  passphrase: '',
  passphraseRepeat: '',
  passphraseStored: false,
};

function passphraseProblem(form: SetupForm): Problem | null {
  const problem = newPasswordProblem(form.passphrase);
  if (problem) return problem;
  return form.passphrase === form.password ? { key: 'passphraseSameAsPassword' } : null;
}

export function validateSetup(form: SetupForm, needsPassphrase: boolean): Problems<SetupField> {
  return collect<SetupField>({
    username: usernameProblem(form.username),
    displayName: displayNameProblem(form.displayName),
    password: newPasswordProblem(form.password),
    passwordRepeat: repeatProblem(form.password, form.passwordRepeat),
    passphrase: needsPassphrase ? passphraseProblem(form) : null,
    passphraseRepeat: needsPassphrase ? repeatProblem(form.passphrase, form.passphraseRepeat) : null,
    passphraseStored: needsPassphrase && !form.passphraseStored ? { key: 'storedRequired' } : null,
  });
}

export function setupInput(form: SetupForm, needsPassphrase: boolean): MethodInput<'station.setup'> {
  const officer = {
    username: form.username.trim().toLowerCase(),
    displayName: form.displayName.trim(),
    password: form.password,
  };
  return needsPassphrase ? { officer, stationPassphrase: form.passphrase } : { officer };
}
