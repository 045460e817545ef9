/**
 * A time zone typed or picked from the browser's list (a datalist, so any
 * IANA name the server accepts can still be typed).
 */
import { useId, useMemo } from 'react';
import { knownTimeZones } from '../lib/timezones';
import { TextField } from './fields';

interface Props {
  value: string;
  onValueChange: (value: string) => void;
  error?: string | undefined;
}

export function TimeZoneField({ value, onValueChange, error }: Props) {
  const listId = useId();
  const zones = useMemo(knownTimeZones, []);
  return (
    <>
      <TextField
        label="Time zone" value={value} onValueChange={onValueChange} list={listId}
        autoComplete="off" spellCheck={false} error={error}
        hint="An IANA time zone, e.g. Europe/Berlin or America/New_York"
      />
      <datalist id={listId}>
        {zones.map((zone) => <option key={zone} value={zone} />)}
      </datalist>
    </>
  );
}

/** The two-letter country used to read phone numbers typed without a country code. */
export function RegionField({ value, onValueChange, error }: Props) {
  return (
    <TextField
      label="Default region" value={value} maxLength={2} autoComplete="country"
      onValueChange={(v) => onValueChange(v.toUpperCase())} spellCheck={false} error={error}
      hint="Two-letter country code (ISO 3166), e.g. US, GB, DE; used for phone numbers
        typed without a country code"
    />
  );
}
