/** A case's status as a customer reads it: Open or Closed, in words and colour. */
import type { CaseStatus } from '../../api/types';
import { PORTAL_STATUS_LABEL } from '../../lib/format';

export function PortalStatusBadge({ status }: { status: CaseStatus }) {
  return (
    <span className={`badge status-${status}`} data-testid="case-status">
      {PORTAL_STATUS_LABEL[status]}
    </span>
  );
}
