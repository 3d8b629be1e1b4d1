import { useState, type KeyboardEvent } from 'react';
import { ZOHO_VARIABLES } from '../../../../shared/workspace/model';
import { isSecretName } from '../../../../shared/workspace/secret-names';
import { Button } from '../../components/Button';
import { setVariable } from './env-actions';
import { newKeyProblem, type KeyProblem } from './env-variables';

const PROBLEM_TEXT: Record<Exclude<KeyProblem, null>, string> = {
  empty: 'Give the variable a key, like org-id.',
  exists: 'That key exists already: edit it in the table above.',
  'too-long': 'Keep the key to 200 characters.',
};

/** The last row of the table: a new variable, added with Enter or the button. */
export function AddVariableRow({
  environmentId,
  existing,
}: {
  environmentId: string;
  existing: readonly string[];
}) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  // null: follow the key's name (`api_key` is secret); a choice in the select then wins.
  const [secretChoice, setSecretChoice] = useState<boolean | null>(null);
  const secret = secretChoice ?? isSecretName(key);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const add = async () => {
    const problem = newKeyProblem(key, existing);
    if (problem !== null) {
      setError(PROBLEM_TEXT[problem]);
      return;
    }
    setBusy(true);
    const failed = await setVariable(environmentId, key.trim(), value, secret);
    setBusy(false);
    if (failed !== null) {
      setError(failed.message);
      return;
    }
    setKey('');
    setValue('');
    setSecretChoice(null);
    setError(null);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void add();
    }
  };
  const zohoHint =
    (ZOHO_VARIABLES as readonly string[]).includes(key.trim()) && !existing.includes(key.trim());
  return (
    <tr className="env-add-row">
      <td>
        <input
          className="input mono env-add-input"
          aria-label="New variable key"
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : 'env-add-error'}
          placeholder="new-variable"
          spellCheck={false}
          value={key}
          onChange={(e) => {
            setKey(e.target.value);
            setError(null);
          }}
          onKeyDown={onKey}
        />
      </td>
      <td>
        <input
          className="input mono env-add-input"
          aria-label="New variable value"
          type={secret ? 'password' : 'text'}
          placeholder={zohoHint ? 'Fills Zoho’s empty slot' : 'value'}
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
          }}
          onKeyDown={onKey}
        />
        {error !== null && (
          <span id="env-add-error" className="error env-add-error" role="alert">
            {error}
          </span>
        )}
      </td>
      <td>
        <select
          className="input env-type"
          aria-label="New variable type"
          value={secret ? 'secret' : 'default'}
          onChange={(e) => {
            setSecretChoice(e.target.value === 'secret');
          }}
        >
          <option value="default">default</option>
          <option value="secret">secret</option>
        </select>
      </td>
      <td />
      <td className="env-actions-cell">
        <div className="env-actions">
          <Button size="small" busy={busy} onClick={() => void add()}>
            Add variable
          </Button>
        </div>
      </td>
    </tr>
  );
}
