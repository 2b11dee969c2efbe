/** Shown for any path the app does not know. */
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to pipelines</Link>
      </p>
    </div>
  );
}
