// What electron-updater needs to run under plain Node (tests, tools): an app adapter instead of Electron's
// `app`, and an HTTP executor on Node's http/https instead of Electron's `net`. The updater's own logic
// (feed parsing, channels, staging, sha512 and signature checks, downloads) is the same code either way.
import type { AppUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import http, { type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import https from 'node:https';

export class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  /** What the updaters call to fetch an artifact (sha512-checked by doDownload against options.sha512). */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        { destination, options, onCancel, responseHandler: null, callback: (error) => (error ? reject(error) : resolve(destination)) },
        0,
      );
    });
  }

  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return (options.protocol === 'http:' ? http.request : https.request)(options, callback);
  }
}

export interface NodeAppAdapterOptions {
  version: string;
  name?: string;
  /** Where the staging id (.updaterId) lives. */
  userDataPath: string;
  /** Where downloads are cached. */
  cachePath: string;
  /** Normally replaced by UpdateService.updateConfigPath. */
  appUpdateConfigPath?: string;
  onQuit?: (handler: (exitCode: number) => void) => void;
  quit?: () => void;
  relaunch?: () => void;
}

export class NodeAppAdapter implements AppAdapter {
  readonly version: string;
  readonly name: string;
  readonly isPackaged = true;
  readonly userDataPath: string;
  readonly baseCachePath: string;
  readonly appUpdateConfigPath: string;

  constructor(private readonly options: NodeAppAdapterOptions) {
    this.version = options.version;
    this.name = options.name ?? 'Hearthline';
    this.userDataPath = options.userDataPath;
    this.baseCachePath = options.cachePath;
    this.appUpdateConfigPath = options.appUpdateConfigPath ?? `${options.userDataPath}/app-update.yml`;
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.options.quit?.();
  }
  relaunch(): void {
    this.options.relaunch?.();
  }
  onQuit(handler: (exitCode: number) => void): void {
    this.options.onQuit?.(handler);
  }
}

/** Gives an updater built with a custom app adapter (which leaves it without one) a Node HTTP executor. */
export function useNodeHttp<U extends AppUpdater>(updater: U): U {
  (updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = new NodeHttpExecutor();
  return updater;
}
