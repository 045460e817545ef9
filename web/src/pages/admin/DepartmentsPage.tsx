/** Departments: list, add and rename. Staff and cases belong to one each. */
import { useState, type FormEvent } from 'react';
import { addDepartment, listDepartments, renameDepartment } from '../../api/admin';
import type { DepartmentRef } from '../../api/types';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/fields';
import { LoadError, Loading } from '../../components/LoadState';
import { fieldErrorsOf } from '../../lib/errors';
import { useFocusLater } from '../../lib/use-focus-later';
import { useLoad } from '../../lib/use-load';
import { AdminOnly } from './AdminOnly';

export function DepartmentsPage() {
  return (
    <AdminOnly title="Departments">
      <Departments />
    </AdminOnly>
  );
}

function Departments() {
  const list = useLoad((signal) => listDepartments(signal), []);
  const [editingId, setEditingId] = useState<number | null>(null);
  const focusLater = useFocusLater();

  function stopEditing(id: number, saved: boolean) {
    setEditingId(null);
    if (saved) list.reload();
    focusLater(`[data-rename="${id}"]`);
  }

  return (
    <>
      <AddDepartment onAdded={list.reload} />
      <h2>All departments</h2>
      {list.error ? <LoadError error={list.error} retry={list.reload} />
        : !list.data ? <Loading what="Loading departments" /> : (
          <ul className="rows">
            {list.data.map((department) => (
              <li key={department.id} className="row" data-testid="department-row">
                {editingId === department.id ? (
                  <RenameDepartment department={department}
                    onCancel={() => stopEditing(department.id, false)}
                    onSaved={() => stopEditing(department.id, true)} />
                ) : (
                  <>
                    <span dir="auto" className="row-main">{department.name}</span>
                    <button type="button" className="button-secondary button-small"
                      data-rename={department.id} aria-label={`Rename ${department.name}`}
                      onClick={() => setEditingId(department.id)}>
                      Rename
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
    </>
  );
}

function AddDepartment({ onAdded }: { onAdded: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await addDepartment(name.trim());
      setName('');
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form inline-form" onSubmit={submit} aria-label="Add department">
      <FormError error={error} shown={['name']} />
      <TextField label="Department name" value={name} onValueChange={setName} required
        maxLength={100} autoComplete="off" error={fieldErrorsOf(error).name} />
      <button type="submit" disabled={busy}>Add department</button>
    </form>
  );
}

interface RenameProps {
  department: DepartmentRef;
  onSaved: () => void;
  onCancel: () => void;
}

function RenameDepartment({ department, onSaved, onCancel }: RenameProps) {
  const [name, setName] = useState(department.name);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await renameDepartment(department.id, name.trim());
      onSaved();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form className="form inline-form" onSubmit={submit}
      aria-label={`Rename department ${department.name}`}>
      <FormError error={error} shown={['name']} />
      <TextField label="New name" value={name} onValueChange={setName} required autoFocus
        maxLength={100} autoComplete="off" error={fieldErrorsOf(error).name} />
      <button type="submit">Save</button>
      <button type="button" className="button-secondary" onClick={onCancel}>Cancel</button>
    </form>
  );
}
