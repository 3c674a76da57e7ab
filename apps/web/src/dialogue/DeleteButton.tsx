import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { removeRecord, useForm } from './forms.ts';

/** Editors: deletes one record (DELETE `path`), named for screen readers by `what`. */
export function DeleteButton({
  path,
  what,
  onDeleted,
}: {
  path: string;
  what: string;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm();
  const remove = async () => {
    if (await removeRecord(form, path)) onDeleted();
  };
  return (
    <>
      <button
        type="button"
        className="link-button delete-button"
        disabled={form.busy}
        aria-label={t('dialogueWeb:form.deleteWhat', { what })}
        onClick={() => void remove()}
      >
        {t('dialogueWeb:form.delete')}
      </button>
      {form.error && <ErrorMessage error={form.error} />}
    </>
  );
}
