import type { Plugin } from 'esbuild';

export declare function markContractSchemasLazy(source: string, fileName?: string): string;
export declare function contractLazy(): Plugin;
