// The SecretStore port: small secrets (the SIP password) that must not lie in a settings file. The one
// implementation encrypts them (AES-256-GCM) in a 0600 file under a key whose custody is the store's own
// (main/store/keyCustody.ts): Electron safeStorage (the OS keychain) in the desktop app, the SQLCipher
// key file or environment variable under the headless host.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic, type KeyCustody } from '../store/keyCustody';

export const SIP_PASSWORD = 'sip.password';
/** The signed-in account's own gateway credential (main/secrets/gatewayCredential.ts). */
export const GATEWAY_ACCOUNT_CREDENTIAL = 'gateway.accountCredential';
export type SecretName = typeof SIP_PASSWORD | typeof GATEWAY_ACCOUNT_CREDENTIAL;

export interface SecretStore {
  /** The kept value, or undefined when there is none. Throws SecretStoreError when the store cannot be read. */
  get(name: SecretName): string | undefined;
  /** Keeps the value durably (written and synced before this returns). Throws SecretStoreError. */
  set(name: SecretName, value: string): void;
}

export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';
}

interface SealedValue {
  iv: string;
  tag: string;
  data: string;
}

interface SecretFile {
  version: 1;
  secrets: Partial<Record<string, SealedValue>>;
}

/** A separate key for the secrets, derived from the custody's key, so one key is never used for two ciphers. */
function secretKey(custodyKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', custodyKey, Buffer.alloc(0), 'hearthline secret store v1', 32));
}

export interface EncryptedFileSecretStoreOptions {
  /** The encrypted file (JSON of sealed values, mode 0600). */
  file: string;
  custody: KeyCustody;
  /** May custody make a new key? Only when nothing it guards exists yet (default: the file does not exist). */
  allowCreateKey?: () => boolean;
}

export class EncryptedFileSecretStore implements SecretStore {
  private key: Buffer | undefined;

  constructor(private readonly options: EncryptedFileSecretStoreOptions) {}

  get(name: SecretName): string | undefined {
    const sealed = this.read().secrets[name];
    if (!sealed) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.obtainKey(), Buffer.from(sealed.iv, 'hex'));
      decipher.setAAD(Buffer.from(name));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'hex'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'hex')), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new SecretStoreError(`The kept ${name} could not be decrypted (${(error as Error).message}); it was left untouched`, { cause: error });
    }
  }

  set(name: SecretName, value: string): void {
    const contents = this.read();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.obtainKey(), iv);
    // The name is authenticated too, so a sealed value cannot be moved to another name.
    cipher.setAAD(Buffer.from(name));
    const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    contents.secrets[name] = { iv: iv.toString('hex'), tag: cipher.getAuthTag().toString('hex'), data: data.toString('hex') };
    writeFileAtomic(this.options.file, `${JSON.stringify(contents, null, 2)}\n`, 0o600);
  }

  private obtainKey(): Buffer {
    if (this.key) return this.key;
    const allowCreate = this.options.allowCreateKey?.() ?? !existsSync(this.options.file);
    try {
      this.key = secretKey(this.options.custody.obtainKey({ allowCreate }));
    } catch (error) {
      throw new SecretStoreError(`No key to protect secrets with: ${(error as Error).message}`, { cause: error });
    }
    return this.key;
  }

  private read(): SecretFile {
    let text: string;
    try {
      text = readFileSync(this.options.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw new SecretStoreError(`Cannot read ${this.options.file}: ${(error as Error).message}`, { cause: error });
    }
    try {
      const parsed = JSON.parse(text) as Partial<SecretFile>;
      if (parsed.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null) throw new Error('unexpected shape');
      return parsed as SecretFile;
    } catch (error) {
      throw new SecretStoreError(`${this.options.file} is not a secret file: ${(error as Error).message}`, { cause: error });
    }
  }
}

/** Tests and hosts without any key custody: secrets live for this run only. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  get(name: SecretName): string | undefined {
    return this.values.get(name);
  }

  set(name: SecretName, value: string): void {
    this.values.set(name, value);
  }
}
