import type { Result } from './result';
import { callNames, pushNames } from './channels';
import type { CallInput, CallName, CallOutput, PushName, PushPayload } from './channels';

type DomainOf<N extends string> = N extends `${infer D}.${string}` ? D : never;
export type Domain = DomainOf<CallName> | DomainOf<PushName>;

type CallsOf<D extends string> = {
  [N in CallName as N extends `${D}.${infer M}` ? M : never]: (input: CallInput<N>) => Promise<Result<CallOutput<N>>>;
};
type PushesOf<D extends string> = {
  [N in PushName as N extends `${D}.${infer E}` ? E : never]: PushPayload<N>;
};
type Subscribe<D extends string> = [keyof PushesOf<D>] extends [never]
  ? unknown
  : { on<E extends keyof PushesOf<D>>(event: E, listener: (payload: PushesOf<D>[E]) => void): () => void };

/** What the renderer sees as `window.custos`: one object per domain, nothing else. */
export type CustosApi = { [D in Domain]: CallsOf<D> & Subscribe<D> };

export type Invoke = (channel: CallName, input: unknown) => Promise<Result<unknown>>;
export type Listen = (channel: PushName, listener: (payload: unknown) => void) => () => void;

/**
 * Builds the API object from the channel table over any transport (Electron IPC in the
 * preload, a WebSocket in the browser host). Nothing beyond the table is reachable.
 */
export function buildApi(invoke: Invoke, listen: Listen): CustosApi {
  const api: Record<string, Record<string, unknown>> = {};
  const domain = (name: string): Record<string, unknown> => {
    const d = name.slice(0, name.indexOf('.'));
    return (api[d] ??= {});
  };
  for (const name of callNames) {
    domain(name)[name.slice(name.indexOf('.') + 1)] = (input: unknown) => invoke(name, input);
  }
  for (const name of pushNames) {
    const d = domain(name);
    const prefix = name.slice(0, name.indexOf('.') + 1);
    d.on ??= (event: string, listener: (payload: unknown) => void) => {
      const channel = `${prefix}${event}`;
      if (!(pushNames as string[]).includes(channel)) throw new Error(`No such event: ${channel}`);
      return listen(channel as PushName, listener);
    };
  }
  for (const d of Object.values(api)) Object.freeze(d);
  return Object.freeze(api) as unknown as CustosApi;
}
