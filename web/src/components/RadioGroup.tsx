/**
 * A set of radio buttons in a fieldset whose legend names the choice. Native
 * radios give arrow-key movement and one tab stop for free.
 */
import { useId, type ReactNode } from 'react';

export interface RadioOption<V extends string> {
  value: V;
  label: string;
  hint?: string;
  /** Extra content after the label, e.g. a coloured marker. */
  marker?: ReactNode;
  disabled?: boolean;
}

interface Props<V extends string> {
  legend: string;
  value: V;
  options: ReadonlyArray<RadioOption<V>>;
  onChange: (value: V) => void;
  error?: string | undefined;
  className?: string;
}

export function RadioGroup<V extends string>(
  { legend, value, options, onChange, error, className }: Props<V>,
) {
  const name = useId();
  return (
    <fieldset
      className={['radio-group', className].filter(Boolean).join(' ')}
      aria-describedby={error ? `${name}-error` : undefined}
    >
      <legend>{legend}</legend>
      {options.map((option) => {
        const id = `${name}-${option.value}`;
        return (
          <div key={option.value} className={`radio-option radio-${option.value}`}>
            <input
              type="radio" id={id} name={name} value={option.value}
              checked={value === option.value} disabled={option.disabled}
              aria-describedby={option.hint ? `${id}-hint` : undefined}
              onChange={() => onChange(option.value)}
            />
            <label htmlFor={id}>{option.label}</label>
            {option.marker}
            {option.hint && <span id={`${id}-hint`} className="hint">{option.hint}</span>}
          </div>
        );
      })}
      {error && <p id={`${name}-error`} className="field-error">{error}</p>}
    </fieldset>
  );
}
