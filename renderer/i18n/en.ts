// English texts of every visible string; the key structure here is the one zh-CN must match.
export const en = {
  header: {
    product: 'Quantum key filling station',
    stationUnknown: 'Key filling station',
    host: { electron: 'Electron', web: 'Web host' },
    stateLabel: 'Station state',
  },
  state: {
    ready: 'Ready',
    alarm: 'Alarm',
    unknown: 'Status unknown',
    connecting: 'Connecting',
    reconnecting: 'Connection lost',
    missingToken: 'Not connected',
  },
  language: {
    label: 'Language',
    'zh-CN': '中文',
    en: 'English',
  },
  nav: {
    label: 'Screens',
    fill: 'Fill',
    verify: 'Verify',
    audit: 'Audit',
    devices: 'Devices',
    settings: 'Settings',
    status: 'Status',
  },
  planned: {
    notBuilt: 'This screen is not built yet.',
    fill: 'Will hold: starting a batch (work order), and one tile per reader showing the chip in it, its progress step by step and its result. Arrives with the fill engine.',
    verify:
      'Will hold: checking a filled chip against its recorded binding, by scanning its label or inserting it. Arrives with the fill engine.',
    audit:
      'Will hold: the hash-chained audit trail with its chain check, and signed exports for auditors. Arrives with the audit service.',
    devices:
      'Will hold: the card readers and the quantum random number generator, with their health. Arrives with the device drivers.',
    settings:
      'Will hold: station name, operators and roles, the key-service connection and sound. Arrives with sign-in and roles.',
  },
  connection: {
    reconnecting: {
      title: 'Connection to the station lost',
      body: 'Reconnecting on its own. What this screen shows may be out of date until then. If the station was restarted, open the new address it printed.',
    },
    missingToken: {
      title: 'This page has no access to the station',
      body: 'Open the station through the address it printed when it started (the whole address, including the part after #).',
    },
  },
  status: {
    title: 'Station status',
    loading: 'Reading the station status…',
    loadFailed: 'The station status could not be read',
    unavailable: 'No status to show: this screen is not connected to the station.',
    retry: 'Try again',
    verdict: {
      passed: 'All {{total}} self-tests passed',
      failed: '{{failed}} of {{total}} self-tests failed',
      none: 'No self-test results',
    },
    selfTests: 'Cryptographic self-tests',
    runAt: 'Run at {{time}} with the {{provider}} provider',
    columns: {
      test: 'Test',
      result: 'Result',
      duration: 'Duration',
      detail: 'Detail',
    },
    result: { pass: 'Pass', fail: 'Fail' },
    durationMs: '{{ms}} ms',
    facts: {
      title: 'This station',
      stationName: 'Station name',
      stationId: 'Station ID',
      version: 'Version',
      host: 'Host',
      cryptoProvider: 'Crypto provider',
      dataDir: 'Data directory',
    },
    provider: {
      native: 'native (OpenSSL)',
      js: 'pure JavaScript',
    },
    providerChoice: {
      forced: 'forced by STATION_CRYPTO',
      auto: 'chosen automatically',
    },
  },
  selfTests: {
    'sm4-ecb': 'SM4 block cipher (ECB), known answer',
    'sm4-ecb-1e6': 'SM4 (ECB), one million rounds',
    'sm4-cbc': 'SM4 in CBC mode',
    'sm4-ctr': 'SM4 in CTR mode',
    'sm4-cmac': 'SM4-CMAC message authentication',
    sm3: 'SM3 hash',
    'hmac-sm3': 'HMAC-SM3',
    kdf: 'Key derivation (KDF)',
    'key-wrap': 'Key wrapping',
    'sm2-verify-kat': 'SM2 signature check, known answer',
    'sm2-sign-verify': 'SM2 sign and verify',
  },
  alarm: {
    title: 'Alarm',
    raisedAt: 'Raised at {{time}}',
    meaning: 'What it means',
    action: 'What to do',
    withSubject: '{{what}} ({{subject}}).',
    withoutSubject: '{{what}}.',
    SELF_TEST_FAILED: {
      what: 'Cryptographic self-test failed',
      meaning: 'Key work is locked: the station will not generate or fill keys.',
      action:
        'Restart the station. If the self-test fails again, call the security officer and do not use this station.',
    },
  },
  errors: {
    technical: 'Technical detail',
    code: 'Code',
    message: 'Message',
    issues: 'Problems in the request',
    dismiss: 'Dismiss',
    actions: {
      setLanguage: 'The language could not be changed',
    },
    codes: {
      UNAUTHENTICATED: 'You need to sign in for this. Sign in with a role that is allowed to do it.',
      FORBIDDEN: 'Your role does not allow this. Ask a supervisor.',
      BAD_REQUEST: 'The station did not accept what was sent. Check what you entered and try again.',
      STATION_LOCKED:
        'Key work is locked while an alarm is active. Follow the alarm instructions at the top.',
      INTERNAL:
        'Something went wrong inside the station. Try again; if it happens again, call the supervisor.',
      TRANSPORT: 'This screen lost its connection to the station. Wait until it reconnects, then try again.',
      UNKNOWN_METHOD:
        'This screen and the station are different versions. Restart the station; if that does not help, call the supervisor.',
    },
  },
} as const;

type Texts<T> = { readonly [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

/** The shape every language must fill: the same keys as English, any wording. */
export type Messages = Texts<typeof en>;
