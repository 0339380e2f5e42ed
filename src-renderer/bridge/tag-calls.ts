import type { CustosApi } from '../../src-main/contract';

/** A call's promise, marked with its channel ("keystore.createKek") so a later success can clear its error. */
export type TaggedCall<T> = Promise<T> & { readonly action?: string };

/**
 * The same API, each call's promise carrying the channel it went to. `attempt` reads the mark
 * to tie an error to the action that raised it; the page's `window.custos` is left as it is.
 */
export function tagCalls(api: CustosApi): CustosApi {
  const tagged: Record<string, Record<string, unknown>> = {};
  for (const [domain, members] of Object.entries(api as unknown as Record<string, Record<string, unknown>>)) {
    const copy: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(members)) {
      if (typeof member !== 'function' || name === 'on') {
        copy[name] = member;
        continue;
      }
      const call = member as (input: unknown) => Promise<unknown>;
      copy[name] = (input: unknown) =>
        Object.defineProperty(call(input), 'action', { value: `${domain}.${name}`, enumerable: false });
    }
    tagged[domain] = Object.freeze(copy);
  }
  return Object.freeze(tagged) as unknown as CustosApi;
}
