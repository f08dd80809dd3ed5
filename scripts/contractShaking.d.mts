import type { Plugin } from 'esbuild';

export declare function markContractSchemasPure(source: string, fileName?: string): string;
export declare const contractShaking: Plugin;
