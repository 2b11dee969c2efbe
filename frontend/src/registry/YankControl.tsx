/**
 * A component version's status: a notice when it is yanked or deprecated, with the reason, and
 * the form that yanks it (with a reason) or takes the yank back. The server decides who may.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { componentDetailPath, componentKeys, type ComponentDetail } from '../api/components';
import { http } from '../api/http';
import { componentPagePath } from './ComponentCard';

interface StatusChange {
  yanked: boolean;
  reason: string;
}

export function YankControl({ component }: { component: ComponentDetail }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const change = useMutation({
    mutationFn: (body: StatusChange) =>
      http.patch<ComponentDetail>(componentDetailPath(component.name, component.version), body),
    onSuccess: () => {
      setReason('');
      // The palette, the search results and the latest version may all change.
      void queryClient.invalidateQueries({ queryKey: componentKeys.all });
      navigate(componentPagePath(component.name, component.version));
    },
  });

  const yank = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ yanked: true, reason: reason.trim() });
  };

  return (
    <div className="version-status" data-testid="version-status">
      {component.yanked && (
        <p className="notice-box" role="status">
          This version is yanked{component.reason ? `: ${component.reason}` : ''}. Pipelines that pin it keep working; it is
          not offered and never taken as the latest.{' '}
          <button type="button" className="link-button" disabled={change.isPending} onClick={() => change.mutate({ yanked: false, reason: '' })}>
            Take the yank back
          </button>
        </p>
      )}
      {!component.yanked && component.deprecated && (
        <p className="notice-box" role="status">
          This version is deprecated{component.reason ? `: ${component.reason}` : ''}.
        </p>
      )}
      {!component.yanked && (
        <form className="yank-form" onSubmit={yank} aria-label="Yank this version">
          <input aria-label="Reason" value={reason} placeholder="Why it should no longer be used" onChange={(event) => setReason(event.target.value)} />
          <button type="submit" disabled={change.isPending}>
            Yank {component.version}
          </button>
        </form>
      )}
      {change.error && (
        <p className="form-error" role="alert">
          {change.error.message}
        </p>
      )}
    </div>
  );
}
