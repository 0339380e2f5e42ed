import { describe, expect, it } from 'vitest';
import { buildApi, callNames, ok } from '../../../../src-main/contract';
import type { CallName } from '../../../../src-main/contract';
import { tagCalls } from '../../../../src-renderer/bridge/tag-calls';

describe('tagCalls', () => {
  const sent: { channel: CallName; input: unknown }[] = [];
  const api = tagCalls(
    buildApi(
      async (channel, input) => (sent.push({ channel, input }), ok(channel)),
      () => () => undefined,
    ),
  );

  it('marks each call with its channel and passes input and result through untouched', async () => {
    const call = api.keystore.list({});
    expect((call as { action?: string }).action).toBe('keystore.list');
    expect(await call).toEqual(ok('keystore.list'));
    expect(sent.at(-1)).toEqual({ channel: 'keystore.list', input: {} });
  });

  it('covers every channel of the contract, keeps events, and is frozen', () => {
    for (const name of callNames) {
      const [domain, member] = name.split('.') as [string, string];
      const fn = (api as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[domain]?.[
        member
      ];
      expect((fn?.({}) as { action?: string } | undefined)?.action).toBe(name);
    }
    expect(typeof api.jobs.on).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.keystore)).toBe(true);
  });
});
