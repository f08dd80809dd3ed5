// Outcome labels in the UI language: codes the UI's catalogue knows (codes.disposition.*), anything else
// a gateway adds from the labels it serves.
import { useSharedTranslation } from '../i18n/sharedTranslation';
import type { Disposition } from '../../../common/contract/gateway';
import { codeKey } from '../i18n/codes';
import { dispositionLabel } from './draftForm';

export function useDispositionLabel(): (dispositions: readonly Disposition[], code: string) => string {
  const { t, i18n } = useSharedTranslation();
  const translated = (code: string) => {
    const key = codeKey('disposition', code);
    return key ? (t as (key: string) => string)(key) : undefined;
  };
  return (dispositions, code) => dispositionLabel(dispositions, code, i18n.language, translated);
}
