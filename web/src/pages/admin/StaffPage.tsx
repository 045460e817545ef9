/**
 * Staff: everyone in the account with department and roles; add a member,
 * change department and roles, deactivate (they can no longer sign in, and
 * their sessions and tokens stop) or reactivate.
 */
import { useState } from 'react';
import { changeStaff, listDepartments, listStaff } from '../../api/admin';
import type { DepartmentRef, Staff } from '../../api/types';
import { FormError } from '../../components/FormError';
import { LoadError, Loading } from '../../components/LoadState';
import { useFocusLater } from '../../lib/use-focus-later';
import { useLoad } from '../../lib/use-load';
import { useSession } from '../../session';
import { AddStaffForm } from './AddStaffForm';
import { AdminOnly } from './AdminOnly';
import { StaffEditor } from './StaffEditor';

export function StaffPage() {
  return (
    <AdminOnly title="Staff">
      <StaffAdmin />
    </AdminOnly>
  );
}

function StaffAdmin() {
  const staff = useLoad((signal) => listStaff(signal), []);
  const departments = useLoad((signal) => listDepartments(signal), []);
  const error = staff.error ?? departments.error;
  const retry = () => {
    staff.reload();
    departments.reload();
  };
  if (error) return <LoadError error={error} retry={retry} />;
  if (!staff.data || !departments.data) return <Loading what="Loading staff" />;
  return (
    <>
      <AddStaffForm departments={departments.data} onAdded={staff.reload} />
      <h2>Members</h2>
      <StaffList staff={staff.data} departments={departments.data} onChanged={staff.reload} />
    </>
  );
}

interface ListProps {
  staff: Staff[];
  departments: DepartmentRef[];
  onChanged: () => void;
}

function StaffList({ staff, departments, onChanged }: ListProps) {
  const { me } = useSession();
  const [editingId, setEditingId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const focusLater = useFocusLater();

  function stopEditing(id: number, saved: boolean) {
    setEditingId(null);
    if (saved) onChanged();
    focusLater(`[data-edit-staff="${id}"]`);
  }

  async function setActive(member: Staff, active: boolean) {
    const self = 'Deactivate yourself? You will be signed out and cannot sign in again '
      + 'until another admin reactivates you.';
    if (!active && member.id === me.id && !window.confirm(self)) return;
    setError(null);
    try {
      await changeStaff(member.id, { active });
      onChanged();
      focusLater(`[data-active-staff="${member.id}"]`);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <FormError error={error} />
      <ul className="rows">
        {staff.map((member) => (
          <li key={member.id} className={member.active ? 'row' : 'row row-inactive'}
            data-testid="staff-row" data-staff-id={member.id}>
            <div className="row-main">
              <strong><bdi>{member.name}</bdi></strong>
              {member.id === me.id && <span className="muted"> (you)</span>}
              <br /><span dir="auto">{member.email}</span>
              <br /><span className="muted"><bdi>{member.department.name}</bdi>
                {' · '}{rolesOf(member)}{member.active ? '' : ' · deactivated'}</span>
            </div>
            {editingId === member.id ? (
              <StaffEditor staff={member} departments={departments}
                onSaved={() => stopEditing(member.id, true)}
                onCancel={() => stopEditing(member.id, false)} />
            ) : (
              <div className="row-actions">
                <button type="button" className="button-secondary button-small"
                  data-edit-staff={member.id} aria-label={`Edit ${member.name}`}
                  onClick={() => setEditingId(member.id)}>
                  Edit
                </button>
                <button type="button" className="button-secondary button-small"
                  data-active-staff={member.id} aria-label={`${activeWord(member)} ${member.name}`}
                  onClick={() => void setActive(member, !member.active)}>
                  {activeWord(member)}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function activeWord(member: Staff): string {
  return member.active ? 'Deactivate' : 'Reactivate';
}

function rolesOf(member: Staff): string {
  const roles = [member.admin && 'admin', member.supervisor && 'supervisor'].filter(Boolean);
  return roles.length === 0 ? 'agent' : roles.join(', ');
}
