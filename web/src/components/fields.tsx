/**
 * Form fields that always carry a visible <label>, an optional hint and the
 * server's message for that field, tied to the control with aria-describedby
 * so screen readers read them too. Labels stay plain words (tests find fields
 * by them); hints live outside the label for the same reason.
 */
import {
  useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

interface FieldFrame {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

function describedBy(id: string, frame: FieldFrame): string | undefined {
  const ids = [frame.hint ? `${id}-hint` : '', frame.error ? `${id}-error` : '']
    .filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Frame({ id, frame, children }: { id: string; frame: FieldFrame; children: ReactNode }) {
  return (
    <div className={frame.error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{frame.label}</label>
      {frame.hint && <p id={`${id}-hint`} className="hint">{frame.hint}</p>}
      {children}
      {frame.error && <p id={`${id}-error`} className="field-error">{frame.error}</p>}
    </div>
  );
}

type InputProps = FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'>
  & { value: string; onValueChange: (value: string) => void };

export function TextField({ label, hint, error, value, onValueChange, ...rest }: InputProps) {
  const id = useId();
  const frame = { label, hint, error };
  return (
    <Frame id={id} frame={frame}>
      <input
        id={id} dir="auto" value={value} aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, frame)}
        onChange={(e) => onValueChange(e.target.value)} {...rest}
      />
    </Frame>
  );
}

type AreaProps = FieldFrame
  & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value'>
  & { value: string; onValueChange: (value: string) => void };

export function TextAreaField({ label, hint, error, value, onValueChange, ...rest }: AreaProps) {
  const id = useId();
  const frame = { label, hint, error };
  return (
    <Frame id={id} frame={frame}>
      <textarea
        id={id} dir="auto" value={value} aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, frame)}
        onChange={(e) => onValueChange(e.target.value)} {...rest}
      />
    </Frame>
  );
}

type SelectProps = FieldFrame
  & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'>
  & { value: string; onValueChange: (value: string) => void; children: ReactNode };

export function SelectField(
  { label, hint, error, value, onValueChange, children, ...rest }: SelectProps,
) {
  const id = useId();
  const frame = { label, hint, error };
  return (
    <Frame id={id} frame={frame}>
      <select
        id={id} value={value} aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, frame)}
        onChange={(e) => onValueChange(e.target.value)} {...rest}
      >
        {children}
      </select>
    </Frame>
  );
}

interface CheckboxProps {
  label: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  hint?: string;
  disabled?: boolean;
}

export function CheckboxField({ label, checked, onCheckedChange, hint, disabled }: CheckboxProps) {
  const id = useId();
  return (
    <div className="field-check">
      <input
        id={id} type="checkbox" checked={checked} disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onCheckedChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {hint && <span id={`${id}-hint`} className="hint">{hint}</span>}
    </div>
  );
}
