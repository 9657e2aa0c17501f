import { useRef, type ReactNode } from 'react';

/**
 * A button that asks first, in a modal <dialog>: focus moves into it, Escape
 * closes it, and the action runs only on "Confirm".
 */
export function ConfirmButton({
  label,
  question,
  onConfirm,
  disabled,
  danger,
}: {
  label: string;
  question: ReactNode;
  onConfirm: () => void;
  disabled?: boolean;
  danger?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button
        type="button"
        className={danger ? 'danger' : undefined}
        disabled={disabled}
        onClick={() => dialog.current?.showModal()}
      >
        {label}
      </button>
      <dialog ref={dialog} className="confirm" aria-label={`${label}?`}>
        <form method="dialog">
          <p>{question}</p>
          <div className="row">
            <button value="cancel" autoFocus>
              Keep it
            </button>
            <button
              value="confirm"
              className={danger ? 'danger' : 'primary'}
              onClick={() => {
                onConfirm();
              }}
            >
              Confirm {label.toLowerCase()}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
