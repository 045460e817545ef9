/**
 * Visibility and status shown as words and colour together, so neither
 * colour-blind readers nor black-and-white printouts lose the meaning.
 */
import type { CaseStatus, Visibility } from '../api/types';
import { STATUS_LABEL, VISIBILITY_HINT, VISIBILITY_LABEL } from '../lib/format';

export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  return (
    <span
      className={`badge badge-${visibility}`} data-testid="visibility-badge"
      title={VISIBILITY_HINT[visibility]}
    >
      {VISIBILITY_LABEL[visibility]}
    </span>
  );
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  return (
    <span className={`badge status-${status}`} data-testid="case-status">
      {STATUS_LABEL[status]}
    </span>
  );
}
