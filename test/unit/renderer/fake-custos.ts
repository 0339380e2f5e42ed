import { buildApi, calls, pushes } from '../../../src-main/contract';
import type {
  CallInput,
  CallName,
  CallOutput,
  CustosApi,
  PushName,
  PushPayload,
  Result,
} from '../../../src-main/contract';

/** What a fake main answers for one call: a Result, as main's binder would send it. */
type Answer<N extends CallName> = (input: CallInput<N>) => Result<CallOutput<N>> | Promise<Result<CallOutput<N>>>;
export type Answers = { [N in CallName]?: Answer<N> };

export interface FakeCustos {
  api: CustosApi;
  /** Every call the renderer made, in order, with its input as sent. */
  sent: { name: CallName; input: unknown }[];
  /** Answers can change between steps of a test. */
  answer<N extends CallName>(name: N, answer: Answer<N>): void;
  /** A push from main, checked against the contract like every payload. */
  push<N extends PushName>(name: N, payload: PushPayload<N>): void;
}

/**
 * `window.custos` as the preload builds it (buildApi over the channel table), over a fake
 * transport: inputs are checked with the contract's input schemas, answers with its output
 * schemas, so a store that sends a malformed call, or a test that answers one, fails loudly.
 */
export function fakeCustos(answers: Answers = {}): FakeCustos {
  // Keyed by channel; each answer was typed for its channel when it was given.
  const table = new Map<CallName, unknown>(Object.entries(answers) as [CallName, unknown][]);
  const sent: FakeCustos['sent'] = [];
  const listeners = new Map<PushName, Set<(payload: unknown) => void>>();
  const api = buildApi(
    async (name, input) => {
      const parsed = calls[name].input.safeParse(input);
      if (!parsed.success) throw new Error(`${name} was sent an input main would refuse: ${parsed.error.message}`);
      sent.push({ name, input });
      const answer = table.get(name) as ((input: unknown) => Result<unknown> | Promise<Result<unknown>>) | undefined;
      if (!answer) throw new Error(`The fake main has no answer for ${name}.`);
      const result = await answer(input);
      if (result.ok) calls[name].output.parse(result.value);
      return result;
    },
    (name, listener) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set.add(listener));
      return () => set.delete(listener);
    },
  );
  return {
    api,
    sent,
    answer(name, answer) {
      table.set(name, answer);
    },
    push(name, payload) {
      const checked = pushes[name].parse(payload);
      for (const listener of listeners.get(name) ?? []) listener(checked);
    },
  };
}
