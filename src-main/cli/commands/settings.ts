import type { Command } from 'commander';
import { fail, SettingsCode } from '../../contract';
import type { StationSettings } from '../../contract';
import { SETTING_NAMES } from '../../services/settings';
import type { CliContext } from '../context';

/** The station's settings, as the Settings screen shows them; each change is audited. */
export function settingsCommands(program: Command, ctx: CliContext): void {
  const settings = program
    .command('settings')
    .description(`The station's settings: ${SETTING_NAMES.join(', ')} (auto-lock and the OS keychain: custos vault)`);

  settings
    .command('list')
    .description('Show every setting')
    .action(() =>
      ctx.withStation((station) => ctx.print(station.settings.get(), () => describeAll(station.settings.get()))),
    );

  settings
    .command('get')
    .argument('<name>', SETTING_NAMES.join(' | '))
    .description('Show one setting')
    .action((name: string) =>
      ctx.withStation((station) => {
        const key = knownName(name);
        const value = station.settings.get()[key];
        ctx.print({ [key]: value }, () => describeOne(key, value));
      }),
    );

  settings
    .command('set')
    .argument('<name>', SETTING_NAMES.join(' | '))
    .argument('<value>', 'theme: system|light|dark; kmipMessageLog: on|off; serverTestMinutes: 0-1440 (0: off)')
    .description('Change one setting (audited)')
    .action((name: string, value: string) =>
      ctx.withStation((station) => {
        const now = station.settings.setFromText(name, value);
        const key = knownName(name);
        ctx.print(now, () => `${describeOne(key, now[key])}`);
      }),
    );
}

function knownName(name: string): keyof StationSettings {
  const key = SETTING_NAMES.find((n) => n.toLowerCase() === name.trim().toLowerCase());
  if (!key) fail(SettingsCode.Unknown, `There is no setting "${name}"; the settings are ${SETTING_NAMES.join(', ')}.`);
  return key;
}

function describeOne(key: keyof StationSettings, value: StationSettings[keyof StationSettings]): string {
  const text =
    typeof value === 'boolean'
      ? value
        ? 'on'
        : 'off'
      : key === 'serverTestMinutes' && value === 0
        ? 'off'
        : String(value);
  return `${key.padEnd(18)}${text}`;
}

function describeAll(s: StationSettings): string {
  return SETTING_NAMES.map((k) => describeOne(k, s[k])).join('\n');
}
