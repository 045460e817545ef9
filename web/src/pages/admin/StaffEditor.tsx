/**
 * Changing a member's department and roles (PATCH /staff/:id), inline in their
 * row, and setting a new password for them in a form of its own.
 */
import { useState, type FormEvent } from 'react';
import { changeStaff } from '../../api/admin';
import type { DepartmentRef, Staff } from '../../api/types';
import { FormError } from '../../components/FormError';
import { CheckboxField, SelectField } from '../../components/fields';
import { fieldErrorsOf } from '../../lib/errors';
import { Link } from '../../router';
import { useSession } from '../../session';
import { StaffPasswordForm } from './StaffPasswordForm';

interface Props {
  staff: Staff;
  departments: DepartmentRef[];
  onSaved: () => void;
  onCancel: () => void;
}

export function StaffEditor({ staff, departments, onSaved, onCancel }: Props) {
  const { me } = useSession();
  const [departmentId, setDepartmentId] = useState(String(staff.department.id));
  const [admin, setAdmin] = useState(staff.admin);
  const [supervisor, setSupervisor] = useState(staff.supervisor);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await changeStaff(staff.id, { departmentId: Number(departmentId), admin, supervisor });
      onSaved();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="staff-editor">
      <form className="form" onSubmit={submit} aria-label={`Edit ${staff.name}`}>
        <FormError error={error} shown={['departmentId']} />
        <SelectField label="Department" value={departmentId} onValueChange={setDepartmentId}
          autoFocus error={fieldErrorsOf(error).departmentId}>
          {departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
        </SelectField>
        <CheckboxField label="Admin" checked={admin} onCheckedChange={setAdmin} />
        <CheckboxField label="Supervisor" checked={supervisor} onCheckedChange={setSupervisor} />
        <div className="form-actions">
          <button type="submit">Save changes</button>
          <button type="button" className="button-secondary" onClick={onCancel}>Cancel</button>
        </div>
      </form>
      {staff.id === me.id
        // An admin's own password needs the current one (the server refuses a reset).
        ? (
          <p className="muted">
            Your own password: <Link to="/account/password">Change password</Link>
          </p>
        )
        : <StaffPasswordForm staff={staff} />}
    </div>
  );
}
