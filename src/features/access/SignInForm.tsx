import { type FormEvent, type ReactNode, useId, useState } from "react";
import { t } from "../../i18n/i18n";
import type { SignInResult } from "./signIn";

export interface SignInFormProps {
  /** The form's accessible name. */
  title: string;
  submitLabel: string;
  /** The fields, each given the form's error id for `aria-describedby`. */
  children(errorId: string | undefined): ReactNode;
  submit(): Promise<SignInResult>;
  onSignedIn(result: Extract<SignInResult, { ok: true }>): void;
}

/** One way to sign in: fields, a submit button that waits, and the refusal in words. */
export function SignInForm({ title, submitLabel, children, submit, onSignedIn }: SignInFormProps) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await submit();
    setBusy(false);
    if (result.ok) onSignedIn(result);
    else setError(result.error);
  };
  return (
    <form className="sign-in-form" aria-label={title} onSubmit={onSubmit} noValidate>
      {children(error ? errorId : undefined)}
      <p id={errorId} className="error-text" role="alert">
        {error}
      </p>
      <button type="submit" className="btn btn-primary" aria-disabled={busy || undefined}>
        {busy ? t("signIn.signingIn") : submitLabel}
      </button>
    </form>
  );
}
