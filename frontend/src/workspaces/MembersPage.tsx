/**
 * /workspaces/:name/members — who is in a workspace and in what role. Owners add people, change
 * roles and remove members; anyone may leave. Readers and contributors see the list only. The
 * server's refusals (the last owner, an unknown user) show where they happened.
 */
import '../endpoints/endpoints.css';
import '../schedules/schedules.css';
import './workspaces.css';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMe } from '../api/auth';
import type { Member, MemberRole } from '../api/models';
import { useAddMember, useChangeRole, useMembers, useRemoveMember } from '../api/workspaces';
import { ConfirmDialog } from '../pipelines/ConfirmDialog';
import { ErrorMessage } from '../shared/ErrorMessage';
import { FormField } from '../shared/FormField';
import { LoadMore } from '../shared/LoadMore';
import { serverFieldErrors } from '../shared/fieldErrors';
import { describeFailure, formatTime } from '../shared/format';

export const ROLES: readonly MemberRole[] = ['reader', 'contributor', 'owner'];

const ROLE_WORDS: Record<MemberRole, string> = {
  reader: 'sees everything in the workspace',
  contributor: 'also edits and runs',
  owner: 'also manages members',
};

function AddMemberForm({ workspace }: { workspace: string }) {
  const add = useAddMember(workspace);
  const [user, setUser] = useState('');
  const [role, setRole] = useState<MemberRole>('contributor');
  const [tried, setTried] = useState(false);
  const server = add.error ? serverFieldErrors(add.error) : {};
  const userError = (tried && !user.trim() ? 'Give a username.' : undefined) ?? server.user;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!user.trim()) return;
    add.mutate(
      { user: user.trim(), role },
      {
        onSuccess: () => {
          setUser('');
          setTried(false);
        },
      },
    );
  };

  return (
    <form className="panel-form add-member" aria-label="Add a member" onSubmit={submit} noValidate>
      <FormField label="Username" error={userError}>
        {(control) => (
          <input
            {...control}
            name="user"
            autoComplete="off"
            value={user}
            onChange={(event) => {
              setUser(event.target.value);
              if (add.error) add.reset();
            }}
          />
        )}
      </FormField>
      <FormField label="Role" hint={ROLE_WORDS[role]}>
        {(control) => (
          <select {...control} name="role" value={role} onChange={(event) => setRole(event.target.value as MemberRole)}>
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add member'}
        </button>
      </div>
      {add.error && !server.user && (
        <p className="form-error" role="alert">
          Could not add {user || 'them'}: {describeFailure(add.error)}
        </p>
      )}
    </form>
  );
}

interface RowProps {
  workspace: string;
  member: Member;
  owner: boolean;
  me: string | undefined;
  onLeft: () => void;
}

function MemberRow({ workspace, member, owner, me, onLeft }: RowProps) {
  const change = useChangeRole(workspace);
  const remove = useRemoveMember(workspace);
  const [confirming, setConfirming] = useState(false);
  const self = member.user === me;
  const error = change.error ?? remove.error;
  const leave = () =>
    remove.mutate(member.user, {
      onSuccess: () => {
        if (self) onLeft();
      },
      onSettled: () => setConfirming(false),
    });

  return (
    <tr data-testid={`member-${member.user}`}>
      <td>
        {member.user}
        {self && <span className="muted"> (you)</span>}
      </td>
      <td>
        {owner ? (
          <select
            aria-label={`Role of ${member.user}`}
            value={member.role}
            disabled={change.isPending}
            onChange={(event) => {
              remove.reset();
              change.mutate({ user: member.user, role: event.target.value as MemberRole });
            }}
          >
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        ) : (
          member.role
        )}
      </td>
      <td>{formatTime(member.added_at)}</td>
      <td className="row-actions">
        {(owner || self) && (
          <button
            type="button"
            className="danger"
            onClick={() => {
              change.reset();
              setConfirming(true);
            }}
          >
            {self ? 'Leave' : 'Remove'}
          </button>
        )}
        {error && (
          <div className="form-error small" role="alert">
            {describeFailure(error)}
          </div>
        )}
        {confirming && (
          <ConfirmDialog
            title={self ? `Leave ${workspace}?` : `Remove ${member.user} from ${workspace}?`}
            confirmLabel={self ? 'Leave workspace' : 'Remove member'}
            busy={remove.isPending}
            onCancel={() => setConfirming(false)}
            onConfirm={leave}
          >
            {self
              ? 'You lose access to everything in it until an owner adds you again.'
              : `${member.user} loses access to everything in it.`}
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}

export function MembersPage() {
  const { name = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const members = useMembers(name);
  const role = me.data?.workspaces?.find((workspace) => workspace.name === name)?.role;
  const owner = role === 'owner';

  return (
    <div className="page members-page">
      <div className="page-header">
        <h1>Members of {name}</h1>
        {role && <span className="muted">Your role: {role}</span>}
      </div>
      <p className="muted">
        Readers see everything in the workspace; contributors also edit and run; owners also manage its members.
        {!owner && role && ' Only an owner can change who is in it.'}
      </p>
      {owner && <AddMemberForm workspace={name} />}
      {members.isPending && <p className="page-loading">Loading members…</p>}
      {members.isError && <ErrorMessage error={members.error} onRetry={() => void members.refetch()} />}
      {members.isSuccess && members.items.length === 0 && (
        <div className="empty-state">
          <p>No members yet.</p>
        </div>
      )}
      {members.items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="members-list">
            <thead>
              <tr>
                <th>User</th>
                <th>Role</th>
                <th>Added</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {members.items.map((member) => (
                <MemberRow
                  key={member.user}
                  workspace={name}
                  member={member}
                  owner={owner}
                  me={me.data?.username}
                  onLeft={() => navigate('/')}
                />
              ))}
            </tbody>
          </table>
          <LoadMore
            hasMore={members.hasMore}
            loading={members.loadingMore}
            onLoadMore={members.loadMore}
            shown={members.items.length}
            noun={members.items.length === 1 ? 'member' : 'members'}
          />
        </div>
      )}
    </div>
  );
}
