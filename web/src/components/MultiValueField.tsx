/**
 * Several values of one kind (a customer's phones or e-mails): one labelled
 * input each, the first labelled plainly ("Phone"), the rest numbered
 * ("Phone 2"), with buttons to add and remove one.
 */
import { TextField } from './fields';

interface Props {
  legend: string;
  /** The singular word used in each label and button, e.g. "Phone". */
  noun: string;
  values: string[];
  onChange: (values: string[]) => void;
  type?: 'tel' | 'email';
  /** Server messages keyed by index, from field paths like `phones.1`. */
  errors?: Record<number, string | undefined>;
}

export function MultiValueField({ legend, noun, values, onChange, type, errors = {} }: Props) {
  const shown = values.length === 0 ? [''] : values;
  const setAt = (index: number, value: string) =>
    onChange(shown.map((v, i) => (i === index ? value : v)));

  return (
    <fieldset className="multi-value">
      <legend>{legend}</legend>
      {shown.map((value, index) => {
        const label = index === 0 ? noun : `${noun} ${index + 1}`;
        return (
          <div className="multi-value-row" key={index}>
            <TextField
              label={label} value={value} type={type} error={errors[index]}
              autoComplete="off" onValueChange={(v) => setAt(index, v)}
            />
            {shown.length > 1 && (
              <button
                type="button" className="button-link"
                onClick={() => onChange(shown.filter((_, i) => i !== index))}
              >
                Remove {label.toLowerCase()}
              </button>
            )}
          </div>
        );
      })}
      <button type="button" className="button-secondary" onClick={() => onChange([...shown, ''])}>
        Add {noun.toLowerCase()}
      </button>
    </fieldset>
  );
}

/**
 * Picks `prefix.N` messages out of a server's field errors and puts each next
 * to the input it came from. N counts the values sent, and blank inputs are
 * not sent, so N is the position among the non-blank ones.
 */
export function indexedErrors(
  fields: Record<string, string>, prefix: string, values: string[],
): Record<number, string> {
  const shownIndex = values.flatMap((v, i) => (v.trim() === '' ? [] : [i]));
  const out: Record<number, string> = {};
  for (const [name, why] of Object.entries(fields)) {
    if (!name.startsWith(`${prefix}.`)) continue;
    const sent = name.slice(prefix.length + 1);
    if (!/^\d+$/.test(sent)) continue;
    out[shownIndex[Number(sent)] ?? 0] = why;
  }
  return out;
}
