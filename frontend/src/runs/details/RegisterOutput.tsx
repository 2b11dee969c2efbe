/**
 * The "Register model" or "Register as dataset" button of one output port, its dialog, and a
 * link to what it became.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useRun } from '../../api/runs';
import { datasetPagePath, modelPagePath } from '../../shared/catalogPaths';
import { suggestDatasetName, suggestModelName } from './registerNames';
import { RegisterOutputDialog, type RegisterKind, type Registered } from './RegisterOutputDialog';

export interface RegisterTarget {
  runId: number;
  nodeId: string;
  /** How many outputs the node has (a lone one needs no port in a suggested name). */
  ports: number;
}

export function RegisterOutput({ kind, port, target }: { kind: RegisterKind; port: string; target: RegisterTarget }) {
  const run = useRun(String(target.runId));
  const [open, setOpen] = useState(false);
  const [registered, setRegistered] = useState<Registered | null>(null);
  const suggested =
    kind === 'model' ? suggestModelName(run.data?.pipeline_name, target.nodeId) : suggestDatasetName(target.nodeId, port, target.ports);
  const pagePath = registered && (registered.kind === 'model' ? modelPagePath : datasetPagePath)(registered.name, registered.version);

  return (
    <div className="register-output">
      <button type="button" onClick={() => setOpen(true)} data-testid={`register-${port}`}>
        {kind === 'model' ? 'Register model' : 'Register as dataset'}
      </button>
      {registered && pagePath && (
        <span role="status">
          Registered as{' '}
          <Link to={pagePath}>
            {registered.name} v{registered.version}
          </Link>
        </span>
      )}
      {open && (
        <RegisterOutputDialog
          kind={kind}
          runId={target.runId}
          nodeId={target.nodeId}
          port={port}
          suggestedName={suggested}
          onClose={() => setOpen(false)}
          onRegistered={(done) => {
            setRegistered(done);
            setOpen(false);
          }}
        />
      )}
    </div>
  );
}
