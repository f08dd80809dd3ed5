// Windows machine and user policy: HKLM\Software\Policies\Hearthline, then HKCU (machine wins; the order
// of sources in PolicyService decides that). Read by shelling out to reg.exe: no native module to build,
// and the parser is tested with reg.exe output fixtures.
import { execFile } from 'node:child_process';
import path from 'node:path';
import type { PolicyReading, PolicySource } from './policySource';

export const POLICY_REGISTRY_KEY = 'Software\\Policies\\Hearthline';

export type RegistryHive = 'HKLM' | 'HKCU';

export interface RegistryValue {
  name: string;
  type: string;
  /** REG_DWORD/REG_QWORD → number, REG_MULTI_SZ → string[], strings → string, anything else → raw text. */
  data: string | number | string[];
}

export interface RegistryReader {
  /** The values directly under hive\key; null when the key does not exist. */
  readValues(hive: RegistryHive, key: string): Promise<RegistryValue[] | null>;
}

const HIVE_NAMES: Record<RegistryHive, string> = { HKLM: 'HKEY_LOCAL_MACHINE', HKCU: 'HKEY_CURRENT_USER' };

export class WindowsRegistryPolicySource implements PolicySource {
  readonly name: string;

  constructor(
    private readonly hive: RegistryHive,
    private readonly reader: RegistryReader,
    private readonly key = POLICY_REGISTRY_KEY,
  ) {
    this.name = `registry-${hive}`;
  }

  async read(): Promise<PolicyReading> {
    const origin = `${this.hive}\\${this.key}`;
    let values: RegistryValue[] | null;
    try {
      values = await this.reader.readValues(this.hive, this.key);
    } catch (error) {
      return { origin, values: null, problems: [`${origin}: cannot read the registry (${(error as Error).message})`] };
    }
    if (!values) return { origin, values: null, problems: [] };
    const problems: string[] = [];
    const raw: Record<string, unknown> = {};
    for (const value of values) {
      if (value.name === '(Default)') continue;
      if (!['REG_SZ', 'REG_EXPAND_SZ', 'REG_DWORD', 'REG_QWORD', 'REG_MULTI_SZ'].includes(value.type)) {
        problems.push(`${origin}: ${value.name} ignored (type ${value.type} is not used by any policy)`);
        continue;
      }
      raw[value.name] = value.data;
    }
    return { origin, values: raw, problems };
  }
}

/** Parses `reg query <key>` output: a header line with the key path, then "    name    TYPE    data" lines. */
export function parseRegQueryOutput(stdout: string): RegistryValue[] {
  const values: RegistryValue[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/.exec(line);
    if (!match) continue;
    const [, name = '', type = '', text = ''] = match;
    values.push({ name, type, data: decodeRegData(type, text) });
  }
  return values;
}

function decodeRegData(type: string, text: string): RegistryValue['data'] {
  switch (type) {
    case 'REG_DWORD':
    case 'REG_QWORD':
      return /^0x[0-9a-f]+$/i.test(text) ? Number.parseInt(text.slice(2), 16) : text;
    case 'REG_MULTI_SZ':
      return text === '' ? [] : text.split('\\0').filter((item) => item !== '');
    default:
      return text;
  }
}

export type ExecFile = (file: string, args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;

const execFileAsync: ExecFile = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { windowsHide: true, timeout: 10_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });

/** Runs %SystemRoot%\System32\reg.exe (never a reg.exe found on PATH) in the 64-bit registry view. */
export class RegExeReader implements RegistryReader {
  constructor(
    private readonly exec: ExecFile = execFileAsync,
    private readonly regExe = path.win32.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'reg.exe'),
  ) {}

  async readValues(hive: RegistryHive, key: string): Promise<RegistryValue[] | null> {
    const result = await this.exec(this.regExe, ['query', `${HIVE_NAMES[hive]}\\${key}`, '/reg:64']);
    // reg.exe exits 1 with "ERROR: The system was unable to find the specified registry key or value." (in
    // the system's language) and nothing on stdout when the key is absent.
    if (result.code === 1 && result.stdout.trim() === '') return null;
    if (result.code !== 0) throw new Error(`reg.exe exited with ${result.code}: ${(result.stderr || result.stdout).trim()}`);
    return parseRegQueryOutput(result.stdout);
  }
}
