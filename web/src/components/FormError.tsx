/**
 * The message at the top of a form after the server refused it. Field
 * messages the form shows next to their fields are not repeated; any others
 * (e.g. a nested path the form has no field for) are listed here.
 */
import { ApiError } from '../api/client';
import { errorMessage } from '../lib/errors';

interface Props {
  error: unknown;
  /** Field names the form displays itself. */
  shown?: readonly string[];
}

export function FormError({ error, shown = [] }: Props) {
  if (!error) return null;
  const fields = error instanceof ApiError ? error.fields : {};
  const others = Object.entries(fields).filter(([name]) => !shown.includes(name));
  return (
    <div className="form-error" role="alert">
      <p>{errorMessage(error)}</p>
      {others.length > 0 && (
        <ul>
          {others.map(([name, why]) => <li key={name}><code>{name}</code>: {why}</li>)}
        </ul>
      )}
    </div>
  );
}
