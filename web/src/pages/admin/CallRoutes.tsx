/**
 * Call routes: which department or person an incoming call rings for, chosen
 * by the number called, the queue or one of the call's users. A call that
 * matches several routes rings for all of theirs; one that matches none rings
 * for every signed-in member, as every call did before routes existed.
 */
import { useState, type FormEvent } from 'react';
import { listDepartments, listStaff } from '../../api/admin';
import {
  addCallRoute, listCallRoutes, removeCallRoute, type CallRouteInput,
} from '../../api/phone';
import type { CallRoute, CallRouteField, DepartmentRef, Staff } from '../../api/types';
import { FormError } from '../../components/FormError';
import { RadioGroup } from '../../components/RadioGroup';
import { SelectField, TextField } from '../../components/fields';
import { LoadError, Loading } from '../../components/LoadState';
import { fieldErrorsOf } from '../../lib/errors';
import { useFocusLater } from '../../lib/use-focus-later';
import { useLoad } from '../../lib/use-load';

const FIELDS: readonly CallRouteField[] = ['to', 'queue', 'user'];

const FIELD_LABEL: Record<CallRouteField, string> = {
  to: 'number called (to)', queue: 'queue', user: 'user',
};

/** The words in a Remove button's name, where "(to)" would be read out as noise. */
const FIELD_WORDS: Record<CallRouteField, string> = {
  to: 'number called', queue: 'queue', user: 'user',
};

const FIELD_HINT: Record<CallRouteField, string> = {
  to: 'The number the caller dialled, as your phone system sends it',
  queue: 'The queue name your phone system sends',
  user: 'One of the user names your phone system sends with the call',
};

type Target = 'department' | 'staff';

export function CallRoutes() {
  const routes = useLoad((signal) => listCallRoutes(signal), []);
  const departments = useLoad((signal) => listDepartments(signal), []);
  const staff = useLoad((signal) => listStaff(signal), []);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The row and its button go; keep keyboard focus in the section.
  const focusLater = useFocusLater();
  const loadError = routes.error ?? departments.error ?? staff.error;

  function retry() {
    routes.reload();
    departments.reload();
    staff.reload();
  }

  async function remove(route: CallRoute) {
    setBusyId(route.id);
    setError(null);
    try {
      await removeCallRoute(route.id);
      routes.setData((now) => now?.filter((r) => r.id !== route.id));
      focusLater('#routes-heading');
    } catch (err) {
      setError(err);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section className="panel" aria-labelledby="routes-heading">
      <h2 id="routes-heading">Who gets calls</h2>
      <p>
        A call that matches routes below rings only for the departments and people they name; a
        call that matches none, or only routes with no active member, rings for every signed-in
        member. In the call log, agents see only the calls that rang for them.
      </p>
      {loadError ? <LoadError error={loadError} retry={retry} />
        : !routes.data || !departments.data || !staff.data
          ? <Loading what="Loading call routes" /> : (
            <>
              <RouteForm departments={departments.data} staff={staff.data}
                onAdded={(added) => routes.setData((now) => now && [added, ...now])} />
              <FormError error={error} />
              {routes.data.length === 0
                ? <p className="muted">No routes: every call rings for every signed-in member.</p>
                : <RouteTable routes={routes.data} busyId={busyId} onRemove={remove} />}
            </>
          )}
    </section>
  );
}

interface TableProps {
  routes: CallRoute[];
  busyId: number | null;
  onRemove: (route: CallRoute) => Promise<void>;
}

function RouteTable({ routes, busyId, onRemove }: TableProps) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Call routes</caption>
        <thead>
          <tr>
            <th scope="col">When the call's</th>
            <th scope="col">is</th>
            <th scope="col">it rings for</th>
            <th scope="col"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {routes.map((route) => (
            <tr key={route.id} data-testid="route-row" data-route-id={route.id}>
              <td>{FIELD_LABEL[route.field]}</td>
              <td><bdi dir={route.field === 'to' ? 'ltr' : 'auto'}>{route.value}</bdi></td>
              <td><RingsFor route={route} /></td>
              <td>
                {/* Two routes may share field and value, so the name says whom it rings. */}
                <button type="button" className="button-secondary button-small"
                  disabled={busyId === route.id}
                  aria-label={`Remove route for ${FIELD_WORDS[route.field]} ${route.value}, `
                    + `ringing for ${targetName(route)}`}
                  onClick={() => void onRemove(route)}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RingsFor({ route }: { route: CallRoute }) {
  if (route.department) {
    return <><bdi>{route.department.name}</bdi> <span className="muted">(department)</span></>;
  }
  if (route.staff) {
    return <><bdi>{route.staff.name}</bdi> <span className="muted">(person)</span></>;
  }
  return <span className="muted">—</span>;
}

function targetName(route: CallRoute): string {
  return route.department?.name ?? route.staff?.name ?? 'nobody';
}

interface FormProps {
  departments: DepartmentRef[];
  staff: Staff[];
  onAdded: (route: CallRoute) => void;
}

function RouteForm({ departments, staff, onAdded }: FormProps) {
  const [field, setField] = useState<CallRouteField>('to');
  const [value, setValue] = useState('');
  const [target, setTarget] = useState<Target>('department');
  const [departmentPick, setDepartmentPick] = useState('');
  const [staffPick, setStaffPick] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrorsOf(error);
  // A deactivated member cannot sign in, so a call routed to them would ring for nobody.
  const people = staff.filter((member) => member.active);
  const departmentId = departmentPick || String(departments[0]?.id ?? '');
  const staffId = staffPick || String(people[0]?.id ?? '');
  const chosen = target === 'department' ? departmentId : staffId;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const input: CallRouteInput = target === 'department'
      ? { field, value: value.trim(), departmentId: Number(departmentId) }
      : { field, value: value.trim(), staffId: Number(staffId) };
    try {
      onAdded(await addCallRoute(input));
      // Field and target stay: several routes for one team are often added in a row.
      setValue('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-label="Add a call route">
      <FormError error={error}
        shown={['field', 'value', target === 'department' ? 'departmentId' : 'staffId']} />
      <div className="inline-form">
        <SelectField label="When the call's" value={field} error={fields.field}
          onValueChange={(picked) => setField(picked as CallRouteField)}>
          {FIELDS.map((f) => <option key={f} value={f}>{FIELD_LABEL[f]}</option>)}
        </SelectField>
        <TextField label="is" value={value} onValueChange={setValue} required maxLength={200}
          autoComplete="off" spellCheck={false} dir={field === 'to' ? 'ltr' : 'auto'}
          type={field === 'to' ? 'tel' : 'text'} hint={FIELD_HINT[field]}
          error={fields.value} />
      </div>
      <RadioGroup<Target> legend="Rings for" value={target} onChange={setTarget}
        options={[
          { value: 'department', label: 'A department', hint: 'all its members' },
          { value: 'staff', label: 'A person' },
        ]} />
      <div className="inline-form">
        {target === 'department' ? (
          <SelectField label="Department" value={departmentId} error={fields.departmentId}
            onValueChange={setDepartmentPick}>
            {departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </SelectField>
        ) : (
          <SelectField label="Person" value={staffId} error={fields.staffId}
            onValueChange={setStaffPick}>
            {people.map((m) => <option key={m.id} value={m.id}>{m.name} · {m.email}</option>)}
          </SelectField>
        )}
        <button type="submit" disabled={busy || chosen === ''}>
          {busy ? 'Adding…' : 'Add route'}
        </button>
      </div>
    </form>
  );
}
