/** Admin pages render their content only for admins; the server refuses others anyway. */
import type { ReactNode } from 'react';
import { useTitle } from '../../lib/use-title';
import { useSession } from '../../session';

export function AdminOnly({ title, children }: { title: string; children: ReactNode }) {
  const { me } = useSession();
  useTitle(title);
  return (
    <section className="page">
      <h1>{title}</h1>
      {me.admin ? children : <p role="alert">Only admins can see this page.</p>}
    </section>
  );
}
