import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The button to give the focus back to when a save re-renders the list and the edited record
 * moves (e.g. a delegation to another side): a new button with the same name takes it.
 */
let returnFocusTo: { label: string; until: number } | null = null;

/**
 * Editors: a button that opens an edit form in place. Opening focuses the form's first control;
 * saving or cancelling closes it and gives the focus back to the button.
 */
export function InlineEdit({
  label,
  text,
  children,
}: {
  /** Accessible name of the button, e.g. "Edit Tajikistan". */
  label: string;
  /** Visible text of the button. */
  text: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const opened = useRef(false);

  // When a button mounts: takes the focus back after a save that moved the record.
  useEffect(() => {
    if (returnFocusTo && returnFocusTo.label === label && Date.now() < returnFocusTo.until) {
      button.current?.focus();
      returnFocusTo = null;
    }
  }, [label]);

  useEffect(() => {
    if (open) {
      opened.current = true;
      box.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    } else if (opened.current) {
      button.current?.focus();
    }
  }, [open]);

  if (open)
    return (
      <div className="inline-edit" ref={box}>
        {children(() => {
          returnFocusTo = { label, until: Date.now() + 5000 };
          setOpen(false);
        })}
      </div>
    );
  return (
    <button
      ref={button}
      type="button"
      className="link-button edit-button"
      aria-label={label}
      onClick={() => setOpen(true)}
    >
      {text}
    </button>
  );
}

/** Save and cancel buttons of an edit form (the cancel button only with `onCancel`). */
export function FormButtons({
  busy,
  submit,
  onCancel,
  className = 'form-buttons',
}: {
  /** Disables the submit button (a request is running, or the form is not ready). */
  busy: boolean;
  submit: string;
  onCancel?: (() => void) | undefined;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className={className}>
      <button type="submit" className="button button-primary" disabled={busy}>
        {submit}
      </button>
      {onCancel && (
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('dialogueWeb:form.cancel')}
        </button>
      )}
    </div>
  );
}
