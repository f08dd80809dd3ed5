// Outcome labels in the UI language: standard codes from the UI's i18n catalogue (dispositionCode.*),
// anything else a gateway adds from the labels it serves.
import { useTranslation } from 'react-i18next';
import type { Disposition } from '../../../common/contract/gateway';
import { dispositionLabel } from './draftForm';

export function useDispositionLabel(): (dispositions: readonly Disposition[], code: string) => string {
  const { t, i18n } = useTranslation();
  const translated = (code: string) => {
    const key = `dispositionCode.${code}`;
    return i18n.exists(key) ? (t as (key: string) => string)(key) : undefined;
  };
  return (dispositions, code) => dispositionLabel(dispositions, code, i18n.language, translated);
}
