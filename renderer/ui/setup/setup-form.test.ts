// The setup form asks for the passphrase only where the station seals with one, and never lets a
// typo in a password or passphrase through.
import { describe, expect, it } from 'vitest';
import { EMPTY_SETUP_FORM, setupInput, validateSetup, type SetupForm } from './setup-form';

const filled: SetupForm = {
  username: ' Alice ',
  displayName: ' Alice Zhang ',
  password: 'officer password',
  passwordRepeat: 'officer password',
  passphrase: 'station passphrase',
  passphraseRepeat: 'station passphrase',
  passphraseStored: true,
};

describe('validateSetup', () => {
  it('names every missing field', () => {
    expect(Object.keys(validateSetup(EMPTY_SETUP_FORM, true)).sort()).toEqual(
      [
        'displayName',
        'passphrase',
        'passphraseRepeat',
        'passphraseStored',
        'password',
        'passwordRepeat',
        'username',
      ].sort(),
    );
  });

  it('ignores the passphrase where the OS keystore seals the keys', () => {
    expect(
      validateSetup({ ...filled, passphrase: '', passphraseRepeat: '', passphraseStored: false }, false),
    ).toEqual({});
  });

  it('accepts a complete form and refuses repeats that differ', () => {
    expect(validateSetup(filled, true)).toEqual({});
    expect(validateSetup({ ...filled, passwordRepeat: 'officer passw0rd' }, true)).toEqual({
      passwordRepeat: { key: 'repeatMismatch' },
    });
    expect(validateSetup({ ...filled, passphraseRepeat: 'x' }, true)).toEqual({
      passphraseRepeat: { key: 'repeatMismatch' },
    });
  });

  it('refuses a passphrase equal to the password', () => {
    const same = { ...filled, passphrase: filled.password, passphraseRepeat: filled.password };
    expect(validateSetup(same, true)).toEqual({ passphrase: { key: 'passphraseSameAsPassword' } });
  });
});

describe('setupInput', () => {
  it('trims the names and sends the passphrase only when needed', () => {
    expect(setupInput(filled, false)).toEqual({
      officer: { username: 'alice', displayName: 'Alice Zhang', password: 'officer password' },
    });
    expect(setupInput(filled, true)).toMatchObject({ stationPassphrase: 'station passphrase' });
  });
});
