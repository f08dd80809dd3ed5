import type { BuildOptions } from 'esbuild';

export declare const HEADLESS_SECOND_STAGE_FILE: string;
export declare const headlessFirstStageBuild: Pick<BuildOptions, 'supported' | 'plugins'>;
