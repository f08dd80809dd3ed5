import type { Plugin } from 'esbuild';

export interface ContractShakingOptions {
  /** A client's bundle: channel maps without their request schemas (main validates requests). */
  responsesOnly?: boolean;
}

export declare function markContractSchemasPure(source: string, fileName?: string, options?: ContractShakingOptions): string;
export declare function contractShaking(options?: ContractShakingOptions): Plugin;
