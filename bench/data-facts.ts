/**
 * The data sizes the report states, counted in the run's database rather than taken
 * from the seeder's intentions, so the report cannot claim rows that are not there.
 */
import fs from 'node:fs';
import SQLite from 'better-sqlite3';

export interface DataFacts {
  fileMb: number;
  customers: number;
  phones: number;
  emails: number;
  cases: number;
  inProgress: number;
  messages: number;
  history: number;
  departments: number;
}

export function collectDataFacts(file: string): DataFacts {
  const db = new SQLite(file, { readonly: true });
  try {
    const count = (sql: string) => Number(db.prepare(sql).pluck().get());
    return {
      fileMb: fs.statSync(file).size / 1024 ** 2,
      customers: count('select count(*) from customers'),
      phones: count('select count(*) from customer_phones'),
      emails: count('select count(*) from customer_emails'),
      cases: count('select count(*) from cases'),
      inProgress: count(`select count(*) from cases where status = 'in_progress'`),
      messages: count('select count(*) from messages'),
      history: count('select count(*) from case_history'),
      departments: count('select count(*) from departments'),
    };
  } finally {
    db.close();
  }
}
