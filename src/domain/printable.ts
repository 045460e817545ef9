import type { Db } from '../storage/database.js';
import { findAccountById } from '../storage/accounts.js';
import type { Viewer } from './access.js';
import { caseHistory, readCase } from './cases.js';
import type { PrintableCase } from './types.js';

/** The complete case as this viewer may see it, for the print page and the PDF. */
export async function printableCase(
  db: Db, viewer: Viewer, caseNo: number,
): Promise<PrintableCase> {
  const [theCase, history, account] = await Promise.all([
    readCase(db, viewer, caseNo),
    caseHistory(db, viewer, caseNo),
    findAccountById(db, viewer.accountId),
  ]);
  return {
    accountName: account?.name ?? '',
    timezone: account?.timezone ?? 'UTC',
    case: theCase,
    history,
    printedAt: new Date().toISOString(),
    printedBy: viewer.name,
  };
}
