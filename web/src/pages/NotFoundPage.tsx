import { useTitle } from '../lib/use-title';
import { Link } from '../router';

export function NotFoundPage() {
  useTitle('Page not found');
  return (
    <section className="page page-narrow">
      <h1>Page not found</h1>
      <p>There is no page at this address. <Link to="/">Go to the desk</Link></p>
    </section>
  );
}
