/** Where a dataset version came from, said in a few words with a link when there is a page. */
import { Link } from 'react-router';
import type { DatasetSource } from '../api/models';

export function DatasetSourceText({ source }: { source: DatasetSource }) {
  switch (source.kind) {
    case 'upload':
      return <span>uploaded{source.file ? ` ${source.file}` : ''}</span>;
    case 'datastore':
      return (
        <span>
          from <Link to="/datastores">{source.datastore}</Link>: <code>{source.path}</code>
        </span>
      );
    case 'run':
      return (
        <span>
          output of{' '}
          <Link to={`/runs/${source.run}?node=${encodeURIComponent(source.node ?? '')}`}>
            run {source.run} · {source.node}.{source.port}
          </Link>
        </span>
      );
    case 'sample':
      return <span>sample dataset</span>;
    default:
      return <span>{String(source.kind)}</span>;
  }
}
