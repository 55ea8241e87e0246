import { useId } from 'react';
import type { NodeSetting } from '../../runtime/types';
import type { CurrentSetting, SettingName, SettingValue } from './current-settings';
import { ALGORITHM_LABELS, ENCAPSULATION_LABELS, SETTING_TITLES } from './setting-texts';

// One live setting of one node: its control, the value it has now and where
// that value comes from, and what it changes on the wire.

export function SettingControl({ setting, current, wire, disabled, onChange }: {
  readonly setting: SettingName;
  readonly current: CurrentSetting | null;
  readonly wire: string;
  readonly disabled: boolean;
  readonly onChange: (s: NodeSetting) => void;
}) {
  const id = useId();
  const value: SettingValue | undefined = current?.value;
  const source = current === null ? 'not set' : `now: ${typeof value === 'boolean' ? (value ? 'on' : 'off') : value}, from the ${current.from}`;
  let control;
  if (setting === 'route-optimization' || setting === 'smooth-handoff' || setting === 'acknowledging-correspondents' || setting === 'previous-fa-forwarding') {
    control = (
      <label>
        <input type="checkbox" checked={value === true} disabled={disabled} onChange={(e) => onChange({ setting, value: e.target.checked })} />{' '}
        {SETTING_TITLES[setting]} on
      </label>
    );
  } else if (setting === 'encapsulation') {
    control = (
      <span role="radiogroup" aria-label={SETTING_TITLES[setting]}>
        {(Object.keys(ENCAPSULATION_LABELS) as (keyof typeof ENCAPSULATION_LABELS)[]).map((k) => (
          <label key={k}>
            <input type="radio" name={`${id}-encapsulation`} value={k} checked={value === k} disabled={disabled} onChange={() => onChange({ setting, value: k })} />{' '}
            {ENCAPSULATION_LABELS[k]}{' '}
          </label>
        ))}
      </span>
    );
  } else {
    control = (
      <select aria-label={SETTING_TITLES[setting]} value={typeof value === 'string' ? value : ''} disabled={disabled} onChange={(e) => onChange({ setting: 'auth-algorithm', value: e.target.value as 'keyed-md5' | 'hmac-md5' })}>
        {typeof value === 'string' ? null : <option value="">(unknown)</option>}
        {(Object.keys(ALGORITHM_LABELS) as (keyof typeof ALGORITHM_LABELS)[]).map((k) => <option key={k} value={k}>{ALGORITHM_LABELS[k]}</option>)}
      </select>
    );
  }
  return (
    <fieldset className="setting">
      <legend>{SETTING_TITLES[setting]} <span className="setting-source">({source})</span></legend>
      {control}
      <p className="setting-wire">{wire}</p>
    </fieldset>
  );
}
