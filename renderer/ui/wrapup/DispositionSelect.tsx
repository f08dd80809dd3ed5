import { useSharedTranslation } from '../i18n/sharedTranslation';
import type { Disposition } from '../../../common/contract/gateway';
import { PlainUntilUsedSelect } from '../shell/PlainUntilUsedSelect';
import { useDispositionLabel } from './useDispositionLabel';

type Props = { value: string; dispositions: Disposition[]; onChange: (code: string) => void; testId?: string };

/**
 * The outcome picker of the wrap-up form and of the editor for a refused note; '' means none chosen.
 * Plain HTML until it is used (PlainUntilUsedSelect): every open form has one.
 */
export function DispositionSelect({ value, dispositions, onChange, testId }: Props) {
  const { t } = useSharedTranslation();
  const label = useDispositionLabel();
  return (
    <PlainUntilUsedSelect
      label={t('wrapup.disposition')}
      items={dispositions.map((disposition) => ({ id: disposition.code, name: label(dispositions, disposition.code) }))}
      selectedKey={value || null}
      selectedName={value ? label(dispositions, value) : undefined}
      onChange={onChange}
      placeholder={t('wrapup.choose')}
      isRequired
      testId={testId}
    />
  );
}
