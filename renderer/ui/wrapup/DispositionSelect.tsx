import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Disposition } from '../../../common/contract/gateway';
import { useDispositionLabel } from './useDispositionLabel';

/** The outcome picker of the wrap-up form and of the editor for a refused note; '' means none chosen. */
export function DispositionSelect({ value, dispositions, onChange, testId }: { value: string; dispositions: Disposition[]; onChange: (code: string) => void; testId?: string }) {
  const { t } = useTranslation();
  const label = useDispositionLabel();
  return (
    <Select selectedKey={value || null} onSelectionChange={(key) => key !== null && onChange(String(key))} placeholder={t('wrapup.choose')} isRequired>
      <Label>{t('wrapup.disposition')}</Label>
      <Button data-testid={testId}>
        <SelectValue />
      </Button>
      <Popover>
        <ListBox items={dispositions.map((d) => ({ id: d.code, label: label(dispositions, d.code) }))}>
          {(item) => <ListBoxItem id={item.id}>{item.label}</ListBoxItem>}
        </ListBox>
      </Popover>
    </Select>
  );
}
