/**
 * The desk: my department's open cases, newest activity first, with one
 * search box whose text decides the filter (see lib/search-query.ts).
 * The search, status and department choice live in the URL, so Back, reload
 * and shared links show the same list. The list reloads by itself when a
 * case the member hears of changes (live events); what is typed in the search
 * box stays.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { CaseFilter } from '../api/cases';
import type { CaseStatusFilter } from '../api/types';
import { CaseListView } from '../components/CaseListView';
import { CheckboxField, SelectField, TextField } from '../components/fields';
import { describeSearch, parseDeskSearch, type DeskSearch } from '../lib/search-query';
import { useCaseList } from '../lib/use-case-list';
import { useCaseChanges } from '../lib/use-live';
import { useTitle } from '../lib/use-title';
import { navigate, useLocation } from '../router';
import { useSession } from '../session';

const STATUS_WORDS: Record<CaseStatusFilter, string> = {
  in_progress: 'Open cases', closed: 'Closed cases', all: 'All cases',
};

const PLACEHOLDER = 'Case # (123 or #123), Customer ID (C42), phone, e-mail or words';

interface DeskQuery {
  search: string;
  status: CaseStatusFilter;
  allDepartments: boolean;
}

export function DeskPage() {
  useTitle('Desk');
  const { me } = useSession();
  const query = readQuery(useLocation().search, me.supervisor);
  const [draft, setDraft] = useState(query.search);
  // Back and forward change the URL under the box; keep the box in step.
  useEffect(() => setDraft(query.search), [query.search]);

  const parsed = parseDeskSearch(query.search);
  const list = useCaseList(toFilter(parsed, query));
  useCaseChanges(list.reload);

  function go(next: Partial<DeskQuery>, replace = false) {
    navigate(writeQuery({ ...query, ...next }), { replace });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    go({ search: draft.trim() });
  }

  const scope = parsed.kind === 'caseNo' ? 'in any department and status'
    : query.allDepartments ? 'in all departments' : `in ${me.department.name}`;
  const heading = parsed.kind === 'none' ? `${STATUS_WORDS[query.status]} ${scope}`
    : `${STATUS_WORDS[parsed.kind === 'caseNo' ? 'all' : query.status]} matching `
      + `${describeSearch(parsed)} ${scope}`;

  return (
    <section className="page">
      <h1>Desk</h1>
      <form role="search" className="search-form" onSubmit={submit}>
        <TextField
          label="Search" type="search" value={draft} onValueChange={setDraft}
          placeholder={PLACEHOLDER} spellCheck={false}
          hint="Type a Case # (123 or #123), a Customer ID (C42 or customer 42), a phone
            number, an e-mail address, or words from the subject and messages."
        />
        <div className="search-buttons">
          <button type="submit">Search</button>
          {query.search !== '' && (
            <button type="button" className="button-secondary"
              onClick={() => go({ search: '' })}>Clear</button>
          )}
        </div>
      </form>

      <div className="filters">
        <SelectField
          label="Status" value={query.status}
          onValueChange={(v) => go({ status: v as CaseStatusFilter }, true)}
          hint={parsed.kind === 'caseNo' ? 'A Case # search looks in every status.' : undefined}
        >
          <option value="in_progress">Open</option>
          <option value="closed">Closed</option>
          <option value="all">All</option>
        </SelectField>
        {me.supervisor && (
          <CheckboxField
            label="All departments" checked={query.allDepartments}
            onCheckedChange={(checked) => go({ allDepartments: checked }, true)}
          />
        )}
      </div>

      <h2 dir="auto">{heading}</h2>
      <CaseListView
        list={list} caption={heading}
        empty={parsed.kind === 'none' ? 'No cases here right now.' : 'No cases match.'}
      />
    </section>
  );
}

function readQuery(search: string, supervisor: boolean): DeskQuery {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  return {
    search: params.get('search') ?? '',
    status: status === 'closed' || status === 'all' ? status : 'in_progress',
    allDepartments: supervisor && params.get('department') === 'all',
  };
}

function writeQuery(query: DeskQuery): string {
  const params = new URLSearchParams();
  if (query.search !== '') params.set('search', query.search);
  if (query.status !== 'in_progress') params.set('status', query.status);
  if (query.allDepartments) params.set('department', 'all');
  const text = params.toString();
  return text === '' ? '/' : `/?${text}`;
}

/**
 * A Case # finds the case whatever its status (staff asked for that one case),
 * so status=all is sent explicitly rather than relying on a server default.
 */
function toFilter(search: DeskSearch, query: DeskQuery): CaseFilter {
  const filter: CaseFilter = { status: query.status };
  if (query.allDepartments) filter.department = 'all';
  switch (search.kind) {
    case 'none': return filter;
    case 'caseNo': return { ...filter, caseNo: search.caseNo, status: 'all' };
    case 'customerNo': return { ...filter, customerNo: search.customerNo };
    case 'email': return { ...filter, email: search.email };
    case 'phone': return { ...filter, phone: search.phone };
    case 'words': return { ...filter, q: search.q };
  }
}
