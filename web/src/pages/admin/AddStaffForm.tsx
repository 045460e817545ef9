/** Adding a member of staff with their first password, department and roles. */
import { useState, type FormEvent } from 'react';
import { addStaff } from '../../api/admin';
import type { DepartmentRef } from '../../api/types';
import { FormError } from '../../components/FormError';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { fieldErrorsOf } from '../../lib/errors';

interface Props {
  departments: DepartmentRef[];
  onAdded: () => void;
}

const EMPTY = { name: '', email: '', password: '', departmentId: '', admin: false,
  supervisor: false };

export function AddStaffForm({ departments, onAdded }: Props) {
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);
  const fields = fieldErrorsOf(error);
  const departmentId = form.departmentId || String(departments[0]?.id ?? '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const staff = await addStaff({
        name: form.name.trim(), email: form.email.trim(), password: form.password,
        departmentId: Number(departmentId), admin: form.admin, supervisor: form.supervisor,
      });
      setAdded(staff.name);
      setForm(EMPTY);
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form panel" onSubmit={submit} aria-labelledby="add-staff-heading">
      <h2 id="add-staff-heading">Add a member of staff</h2>
      <FormError error={error}
        shown={['name', 'email', 'password', 'departmentId', 'admin', 'supervisor']} />
      {added && <p className="notice" role="status"><bdi>{added}</bdi> was added.</p>}
      <TextField label="Name" value={form.name} required autoComplete="off"
        onValueChange={(name) => setForm((f) => ({ ...f, name }))} error={fields.name} />
      <TextField label="E-mail" type="email" value={form.email} required autoComplete="off"
        onValueChange={(email) => setForm((f) => ({ ...f, email }))} error={fields.email} />
      <TextField label="Password" type="password" value={form.password} required
        autoComplete="new-password" minLength={10} hint="At least 10 characters"
        onValueChange={(password) => setForm((f) => ({ ...f, password }))}
        error={fields.password} />
      <SelectField label="Department" value={departmentId} error={fields.departmentId}
        onValueChange={(id) => setForm((f) => ({ ...f, departmentId: id }))}>
        {departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
      </SelectField>
      <CheckboxField label="Admin" checked={form.admin}
        hint="manages departments, staff and account settings"
        onCheckedChange={(admin) => setForm((f) => ({ ...f, admin }))} />
      <CheckboxField label="Supervisor" checked={form.supervisor}
        hint="reads and writes supervisor messages, sees all departments"
        onCheckedChange={(supervisor) => setForm((f) => ({ ...f, supervisor }))} />
      <div className="form-actions">
        <button type="submit" disabled={busy || departments.length === 0}>
          Add staff member
        </button>
      </div>
    </form>
  );
}
