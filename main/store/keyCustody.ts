// Who keeps the database key. The key is 32 random bytes made once; custody decides where it lives:
// Electron safeStorage (OS keychain) in the desktop app, a 0600 key file or an environment variable
// under the headless host. Custody refuses rather than keep a key weakly (the app then runs
// session-only with a banner), and never makes a new key for a database that already exists.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { StoreError } from './errors';

export const KEY_BYTES = 32;
const HEX_KEY = /^[0-9a-f]{64}$/i;

export interface ObtainKeyOptions {
  /**
   * May a missing key be generated? Only when there is no database yet: a database whose key is gone
   * must stay untouched (a fresh key could never open it).
   */
  allowCreate: boolean;
}

export interface KeyCustody {
  /** For logs and diagnostics only. */
  readonly kind: 'file' | 'env' | 'safeStorage';
  /** The 32-byte key; throws StoreError (keyMissing, weakKeyStorage, …) when custody cannot vouch for one. */
  obtainKey(options: ObtainKeyOptions): Buffer;
}

function parseHexKey(text: string, where: string): Buffer {
  const hex = text.trim();
  if (!HEX_KEY.test(hex)) throw new StoreError('keyInvalid', `${where} does not hold a 64-character hex key`);
  return Buffer.from(hex, 'hex');
}

export function generateKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/**
 * Writes a new file that only the owner can read, atomically and without ever replacing an existing
 * file: if another process created it first, returns false and the caller reads theirs.
 */
function writeSecretFileOnce(file: string, contents: string): boolean {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
    syncDir(path.dirname(file));
  }
}

/** Replaces a file atomically (write temp, fsync, rename, fsync the folder). */
export function writeFileAtomic(file: string, contents: string | Buffer, mode = 0o600): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, typeof contents === 'string' ? Buffer.from(contents) : contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  syncDir(path.dirname(file));
}

export function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface FileKeyCustodyOptions {
  /** Injected for tests; defaults to the real process. */
  platform?: NodeJS.Platform;
  uid?: number;
}

/** The key as 64 hex characters in a file only its owner may read (mode 0600). */
export class FileKeyCustody implements KeyCustody {
  readonly kind = 'file' as const;
  private readonly platform: NodeJS.Platform;
  private readonly uid: number | undefined;

  constructor(
    private readonly file: string,
    options: FileKeyCustodyOptions = {},
  ) {
    this.platform = options.platform ?? process.platform;
    this.uid = options.uid ?? process.getuid?.();
  }

  obtainKey({ allowCreate }: ObtainKeyOptions): Buffer {
    const existing = this.read();
    if (existing) return existing;
    if (!allowCreate) {
      throw new StoreError('keyMissing', `The key file ${this.file} is missing, but the database already exists; it was left untouched`);
    }
    const key = generateKey();
    if (writeSecretFileOnce(this.file, `${key.toString('hex')}\n`)) return key;
    return this.read() ?? key;
  }

  private read(): Buffer | undefined {
    let stat;
    try {
      stat = lstatSync(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new StoreError('keyUnavailable', `Cannot read the key file ${this.file}: ${(error as Error).message}`);
    }
    if (!stat.isFile()) throw new StoreError('insecureKeyFile', `${this.file} is not a regular file (symlinks are refused)`);
    if (this.platform !== 'win32') {
      if ((stat.mode & 0o077) !== 0) {
        const mode = (stat.mode & 0o777).toString(8).padStart(3, '0');
        throw new StoreError('insecureKeyFile', `The key file ${this.file} has mode ${mode}; it must be readable by its owner only (chmod 600)`);
      }
      if (this.uid !== undefined && stat.uid !== this.uid) {
        throw new StoreError('insecureKeyFile', `The key file ${this.file} belongs to another user (uid ${stat.uid})`);
      }
    }
    return parseHexKey(readFileSync(this.file, 'utf8'), `The key file ${this.file}`);
  }
}

export const DB_KEY_ENV = 'HEARTHLINE_DB_KEY';

/** The key as 64 hex characters in an environment variable (headless hosts, CI). Never generates one. */
export class EnvKeyCustody implements KeyCustody {
  readonly kind = 'env' as const;

  constructor(
    private readonly env: Record<string, string | undefined> = process.env,
    private readonly name = DB_KEY_ENV,
  ) {}

  obtainKey(): Buffer {
    const value = this.env[this.name];
    if (!value) throw new StoreError('keyUnavailable', `${this.name} is not set`);
    return parseHexKey(value, this.name);
  }
}

/** The part of Electron's safeStorage this needs, so it can be tested with a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text', 'gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6' or 'unknown'. */
  getSelectedStorageBackend?(): string;
}

interface SafeStorageState {
  version: 1;
  /** safeStorage.encryptString(hex key), as hex. */
  encryptedKey: string;
  /** The Linux backend that wrapped it; a different backend cannot unwrap it. */
  backend?: string;
}

/** Backends that do not really protect a secret: Chromium's hard-coded-password fallback. */
const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

export interface SafeStorageKeyCustodyOptions {
  safeStorage: SafeStorageLike;
  /** JSON file holding the wrapped key (never the key itself). */
  stateFile: string;
  platform?: NodeJS.Platform;
}

/** The desktop app's custody: the key wrapped by the OS keychain through Electron safeStorage. */
export class SafeStorageKeyCustody implements KeyCustody {
  readonly kind = 'safeStorage' as const;
  private readonly platform: NodeJS.Platform;

  constructor(private readonly options: SafeStorageKeyCustodyOptions) {
    this.platform = options.platform ?? process.platform;
  }

  obtainKey({ allowCreate }: ObtainKeyOptions): Buffer {
    const { safeStorage, stateFile } = this.options;
    if (!safeStorage.isEncryptionAvailable()) {
      throw new StoreError('keyUnavailable', 'The operating system keychain is not available to protect the database key');
    }
    const backend = this.platform === 'linux' ? (safeStorage.getSelectedStorageBackend?.() ?? 'unknown') : undefined;
    if (backend !== undefined && WEAK_LINUX_BACKENDS.has(backend)) {
      throw new StoreError(
        'weakKeyStorage',
        `No desktop keyring is available (safeStorage backend "${backend}"); the key would be protected by a well-known password only`,
      );
    }
    const state = this.readState();
    if (state) {
      if (state.backend && backend && state.backend !== backend) {
        throw new StoreError(
          'keyBackendChanged',
          `The database key was stored with the "${state.backend}" keyring but this session uses "${backend}". Start Hearthline with --password-store=${state.backend}; no new key was made`,
        );
      }
      let hex: string;
      try {
        hex = safeStorage.decryptString(Buffer.from(state.encryptedKey, 'hex'));
      } catch (error) {
        throw new StoreError('keyUnavailable', `The keychain could not unwrap the database key: ${(error as Error).message}`, { cause: error });
      }
      return parseHexKey(hex, 'The unwrapped database key');
    }
    if (!allowCreate) {
      throw new StoreError('keyMissing', `The wrapped key file ${stateFile} is missing, but the database already exists; it was left untouched`);
    }
    const key = generateKey();
    const next: SafeStorageState = {
      version: 1,
      encryptedKey: safeStorage.encryptString(key.toString('hex')).toString('hex'),
      ...(backend ? { backend } : {}),
    };
    writeFileAtomic(stateFile, `${JSON.stringify(next, null, 2)}\n`);
    return key;
  }

  private readState(): SafeStorageState | undefined {
    let text: string;
    try {
      text = readFileSync(this.options.stateFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new StoreError('keyUnavailable', `Cannot read ${this.options.stateFile}: ${(error as Error).message}`);
    }
    try {
      const parsed = JSON.parse(text) as Partial<SafeStorageState>;
      if (parsed.version !== 1 || typeof parsed.encryptedKey !== 'string' || !/^[0-9a-f]+$/i.test(parsed.encryptedKey)) throw new Error('unexpected shape');
      return parsed as SafeStorageState;
    } catch (error) {
      throw new StoreError('keyInvalid', `${this.options.stateFile} is not a wrapped-key file: ${(error as Error).message}`);
    }
  }
}
