import { useId, type ReactNode } from 'react';
import type { DataCenter } from '../../../../shared/dc/catalog';

/** A radio group with a one-line explanation under each choice (fieldset + legend, WCAG 1.3.1). */
interface Choice<T extends string> {
  readonly value: T;
  readonly label: ReactNode;
  readonly help: ReactNode;
}

interface ChoiceGroupProps<T extends string> {
  readonly legend: string;
  readonly name: string;
  readonly value: T;
  readonly choices: readonly Choice<T>[];
  readonly onChange: (value: T) => void;
  /** Two choices side by side, or stacked when they need the width. */
  readonly layout?: 'columns' | 'rows';
}

export function ChoiceGroup<T extends string>({
  legend,
  name,
  value,
  choices,
  onChange,
  layout = 'columns',
}: ChoiceGroupProps<T>) {
  const id = useId();
  return (
    <fieldset className={`cf-choice-group cf-choice-group-${layout}`}>
      <legend className="label">{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.value} className="cf-choice" data-checked={choice.value === value}>
          <input
            type="radio"
            name={`${name}-${id}`}
            value={choice.value}
            checked={choice.value === value}
            aria-describedby={`${id}-${choice.value}`}
            onChange={() => {
              onChange(choice.value);
            }}
          />
          <span className="cf-choice-text">
            <span className="cf-choice-label">{choice.label}</span>
            <span id={`${id}-${choice.value}`} className="cf-choice-help">
              {choice.help}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

interface CheckOptionProps {
  readonly label: string;
  readonly help: ReactNode;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
}

/** A checkbox whose explanation is announced with it. */
export function CheckOption({ label, help, checked, onChange }: CheckOptionProps) {
  const id = useId();
  return (
    <label className="cf-choice choice-check" data-checked={checked}>
      <input
        type="checkbox"
        checked={checked}
        aria-describedby={id}
        onChange={(e) => {
          onChange(e.target.checked);
        }}
      />
      <span className="cf-choice-text">
        <span className="cf-choice-label">{label}</span>
        <span id={id} className="cf-choice-help">
          {help}
        </span>
      </span>
    </label>
  );
}

const DC_GROUPS: readonly { kind: DataCenter['kind']; label: string }[] = [
  { kind: 'zoho', label: 'Zoho' },
  { kind: 'sandbox', label: 'Sandbox' },
  { kind: 'custom', label: 'Custom' },
];

interface DcSelectProps {
  readonly dcs: readonly DataCenter[];
  readonly value: string;
  readonly onChange: (id: string) => void;
  readonly onBlur: () => void;
  readonly ids: { id: string; describedBy: string | undefined; invalid: boolean };
}

/** The DC catalog grouped as the switcher groups it: Zoho's nine, the sandbox's, the user's. */
export function DcSelect({ dcs, value, onChange, onBlur, ids }: DcSelectProps) {
  return (
    <select
      id={ids.id}
      className="input"
      value={value}
      aria-describedby={ids.describedBy}
      aria-invalid={ids.invalid}
      onChange={(e) => {
        onChange(e.target.value);
      }}
      onBlur={onBlur}
    >
      {value === '' && <option value="">Pick a DC…</option>}
      {DC_GROUPS.map(({ kind, label }) => {
        const group = dcs.filter((dc) => dc.kind === kind);
        if (group.length === 0) return null;
        return (
          <optgroup key={kind} label={label}>
            {group.map((dc) => (
              <option key={dc.id} value={dc.id}>
                {dc.kind === 'zoho' ? `${dc.name} (${dc.id})` : dc.name}
              </option>
            ))}
          </optgroup>
        );
      })}
    </select>
  );
}
