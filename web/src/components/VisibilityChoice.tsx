/**
 * Who will be able to read a message. "Supervisor" is offered only to
 * supervisors: the server refuses it from anyone else (403).
 */
import type { Visibility } from '../api/types';
import { VISIBILITY_HINT, VISIBILITY_LABEL } from '../lib/format';
import { RadioGroup, type RadioOption } from './RadioGroup';

interface Props {
  value: Visibility;
  onChange: (value: Visibility) => void;
  supervisor: boolean;
  error?: string | undefined;
}

export function VisibilityChoice({ value, onChange, supervisor, error }: Props) {
  const levels: Visibility[] = supervisor
    ? ['public', 'private', 'supervisor'] : ['public', 'private'];
  const options: Array<RadioOption<Visibility>> = levels.map((level) => ({
    value: level, label: VISIBILITY_LABEL[level], hint: VISIBILITY_HINT[level],
  }));
  return (
    <RadioGroup
      legend="Visibility" value={value} options={options} onChange={onChange}
      error={error} className="visibility-choice"
    />
  );
}
