/**
 * A registered thing's description and tags, shown, and edited in place (Edit → Save/Cancel).
 * Saving is the caller's: it gets the new values and says whether it is busy or failed.
 */
import { useState, type FormEvent } from 'react';
import { FormField } from './FormField';
import { TagList } from './TagList';
import { formatTags, parseTags } from './tags';

interface AboutEditorProps {
  description: string;
  tags: readonly string[];
  saving: boolean;
  error: Error | null;
  onSave: (about: { description: string; tags: string[] }, done: () => void) => void;
}

export function AboutEditor({ description, tags, saving, error, onSave }: AboutEditorProps) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(description);
  const [tagText, setTagText] = useState(formatTags(tags));

  const start = () => {
    setText(description);
    setTagText(formatTags(tags));
    setEditing(true);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave({ description: text.trim(), tags: parseTags(tagText) }, () => setEditing(false));
  };

  if (!editing) {
    return (
      <div className="about" data-testid="about">
        <p className="about-description">{description || <span className="muted">No description.</span>}</p>
        <TagList tags={tags} />
        <button type="button" className="link-button" onClick={start}>
          Edit description and tags
        </button>
      </div>
    );
  }
  return (
    <form className="about about-form" onSubmit={submit} aria-label="Description and tags">
      <FormField label="Description">
        {(control) => <textarea {...control} rows={3} value={text} autoFocus onChange={(event) => setText(event.target.value)} />}
      </FormField>
      <FormField label="Tags" hint="Separated by commas.">
        {(control) => <input {...control} value={tagText} onChange={(event) => setTagText(event.target.value)} />}
      </FormField>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
