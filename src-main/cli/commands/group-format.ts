import type { EkmPreview, GroupHoldings, GroupSummary, GroupView, KeyUsage, SyncReport } from '../../contract';

/** Human lines for the group commands (--json prints the values themselves). */

export function groupTable(groups: GroupSummary[]): string {
  if (groups.length === 0) return 'No device groups yet (custos group create NAME --family F).';
  const rows = groups.map((g) => [
    g.name,
    g.family,
    g.policy,
    String(g.keyCount),
    String(g.deviceCount),
    String(g.pendingCount),
  ]);
  return table(['NAME', 'FAMILY', 'POLICY', 'KEYS', 'DEVICES', 'PENDING'], rows);
}

export function groupDetails(g: GroupView, holdings?: GroupHoldings): string {
  const lines = [
    `${g.name} (${g.family}), policy ${g.policy}${g.description ? ` - ${g.description}` : ''}`,
    `Keys (${g.keyDetails.length}):`,
    ...g.keyDetails.map(
      (k) =>
        `  ${k.label}  ${k.role}${k.encoding ? ` ${k.encoding}` : ''}  ${k.state ?? 'not in keystore'}${k.kcv ? `  KCV ${k.kcv}` : ''}${k.cartridges ? `  used by ${k.cartridges} cartridges` : ''}`,
    ),
    `Devices (${g.devices.length}):`,
    ...g.devices.map((d) => `  ${d.serial}  ${d.wwn || '-'}  ${d.state}${d.description ? `  ${d.description}` : ''}`),
  ];
  if (holdings)
    for (const s of holdings.servers)
      lines.push(
        s.reachable
          ? `On ${s.server} (${s.role}): ${s.holds.length} of ${g.keyDetails.length} keys${s.missing.length ? `; missing ${s.missing.join(', ')}` : ''}`
          : `On ${s.server} (${s.role}): not reachable (${s.problem ?? 'no answer'})`,
      );
  return lines.join('\n');
}

export function syncLines(r: SyncReport): string {
  return [
    `${r.name} on ${r.server}: ${r.registered.length} registered, ${r.alreadyThere.length} already there.`,
    ...r.conflicts.map((c) => `  conflict ${c.label}: ${c.detail}`),
    ...r.failed.map((f) => `  failed ${f.label}: ${f.code} ${f.detail}`),
  ].join('\n');
}

export function usageLines(u: KeyUsage): string {
  return [
    `"${u.label}" is used by ${u.cartridges} cartridges (${u.events} key-usage events${u.lastUsed ? `, last ${u.lastUsed}` : ''}).`,
    ...(u.volsers.length ? [`Volsers: ${u.volsers.join(' ')}`] : []),
    ...u.drives.map((d) => `Drive ${d.serial}${d.wwn ? ` WWN ${d.wwn}` : ''}`),
  ].join('\n');
}

export function ekmPreviewLines(p: EkmPreview): string {
  return [
    `Group ${p.name} (${p.family}), policy ${p.policy}`,
    ...p.keks.map((k) => `  ${k.role}: ${k.label} (from the ${k.source})`),
    `Keystore file entries: ${p.keystoreEntries}`,
    ...p.warnings.map((w) => `WARNING: ${w}`),
  ].join('\n');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
