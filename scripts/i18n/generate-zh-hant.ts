// Writes renderer/ui/i18n/zhHant.ts from zh.ts (see scripts/i18n/zhHant.ts). Run after changing zh.ts.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { zh } from '../../renderer/ui/i18n/zh';
import { zhHantModuleSource } from './zhHant';

const file = path.join(import.meta.dirname, '..', '..', 'renderer', 'ui', 'i18n', 'zhHant.ts');
writeFileSync(file, zhHantModuleSource(zh));
console.log(`wrote ${path.relative(process.cwd(), file)}`);
