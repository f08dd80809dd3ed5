// A real generic update feed on 127.0.0.1 for tests: <channel>-linux.yml with a real artifact and its
// sha512, as electron-builder publishes them. It counts every request so tests can prove silence.
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface FeedRelease {
  version: string;
  /** Artifact extension the updater looks for: deb (DebUpdater), exe (NsisUpdater), AppImage. */
  ext?: 'deb' | 'exe' | 'AppImage';
  channel?: string;
  stagingPercentage?: number;
  /** Serve bytes that do not match the sha512 in the yml (a tampered or corrupted file). */
  tamper?: boolean;
  /** Artifact size (default 64 KiB). */
  sizeBytes?: number;
  /** Publish <artifact>.sig: a detached Ed25519 signature (base64) over the served file, made with this key. */
  signWith?: KeyObject;
}

export interface LocalFeed {
  url: string;
  /** Paths requested so far, in order. */
  requests: string[];
  artifactName: string;
  artifact: Buffer;
  close(): Promise<void>;
}

export async function startLocalFeed(release: FeedRelease): Promise<LocalFeed> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hl-feed-'));
  const artifactName = `hearthline-${release.version}.${release.ext ?? 'deb'}`;
  const artifact = randomBytes(release.sizeBytes ?? 64 * 1024);
  const sha512 = createHash('sha512').update(artifact).digest('base64');
  const served = release.tamper ? Buffer.concat([artifact.subarray(0, -1), Buffer.from([artifact.at(-1)! ^ 0xff])]) : artifact;
  writeFileSync(path.join(dir, artifactName), served);
  if (release.signWith) writeFileSync(path.join(dir, `${artifactName}.sig`), `${sign(null, served, release.signWith).toString('base64')}\n`);
  const yml = [
    `version: ${release.version}`,
    'files:',
    `  - url: ${artifactName}`,
    `    sha512: ${sha512}`,
    `    size: ${artifact.length}`,
    `path: ${artifactName}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-01-05T09:00:00.000Z'",
    ...(release.stagingPercentage === undefined ? [] : [`stagingPercentage: ${release.stagingPercentage}`]),
    '',
  ].join('\n');
  writeFileSync(path.join(dir, `${release.channel ?? 'latest'}-linux.yml`), yml);

  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(pathname);
    try {
      const body = readFileSync(path.join(dir, path.basename(pathname)));
      response.writeHead(200, { 'content-length': body.length });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/feed`,
    requests,
    artifactName,
    artifact,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
