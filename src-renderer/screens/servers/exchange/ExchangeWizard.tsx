import { useEffect } from 'react';
import type { ComponentType } from 'react';
import { useStore } from 'zustand';
import { useApp } from '../../../store/app-store';
import { hasErrors } from '../../../wizard/field-errors';
import { WizardFrame } from '../../../wizard/WizardFrame';
import { Exchange } from './context';
import { HandOverStep } from './HandOverStep';
import {
  EXCHANGE_STEP_NAMES,
  EXCHANGE_STEPS,
  exchangeFor,
  freshExchange,
  isReady,
  serverErrors,
  serverFields,
} from './model';
import type { ExchangeStep } from './model';
import { clearProgress, saveProgress, savedProgress } from './resume';
import { SaveStep } from './SaveStep';
import { ServerCertificateStep } from './ServerCertificateStep';
import { ServerStep } from './ServerStep';
import { StationCertificateStep } from './StationCertificateStep';
import { TestStep } from './TestStep';

const STEP_VIEWS: Record<ExchangeStep, ComponentType> = {
  server: ServerStep,
  'server-certificate': ServerCertificateStep,
  'station-certificate': StationCertificateStep,
  'hand-over': HandOverStep,
  test: TestStep,
  save: SaveStep,
};

/**
 * The certificate exchange wizard. Nothing is saved before the last step except an explicit
 * trust decision (and a generated station identity, which is key material that must not be
 * lost); Back and Next move freely, and the wizard resumes after a reload.
 */
export function ExchangeWizard({ server, onClose }: { server?: string; onClose: () => void }) {
  const servers = useApp((s) => s.servers);
  const api = useApp((s) => s.api);
  const loadServers = useApp((s) => s.loadServers);
  const store = Exchange.useNewWizardStore(EXCHANGE_STEPS, () => {
    const saved = savedProgress();
    if (saved && (saved.data.existing ?? null) === (server ?? null)) return saved;
    const existing = servers.find((s) => s.name === server);
    return { data: existing ? exchangeFor(existing) : freshExchange() };
  });
  const { step, data, busy, error, errorCode, goTo, back, run, fail, showErrors } = useStore(store);
  useEffect(() => saveProgress(step, data), [step, data]);

  const index = EXCHANGE_STEPS.indexOf(step);
  const next = () => {
    if (step === 'server' && hasErrors(serverErrors(data))) return showErrors();
    const following = EXCHANGE_STEPS[index + 1];
    if (following) goTo(following);
  };
  const close = () => {
    clearProgress();
    onClose();
  };
  /** The last step: the server and its bindings are written now, in one call. */
  const save = () =>
    run(async () => {
      if (!api || !data.trustLabel || !data.identityLabel) return false;
      const bindings = {
        trustLabel: data.trustLabel,
        identityLabel: data.identityLabel,
        verifyHostname: data.verifyHostname,
      };
      const result = data.existing
        ? await api.servers.rebind({ name: data.existing, ...bindings })
        : await api.servers.add({ ...serverFields(data), ...bindings });
      if (!result.ok) {
        fail(result.message, result.code);
        return false;
      }
      await loadServers();
      close();
      return true;
    });
  const StepView = STEP_VIEWS[step];
  return (
    <Exchange.Provider value={store}>
      <WizardFrame
        title={data.existing ? `Certificate exchange: ${data.existing}` : 'Certificate exchange with a key server'}
        stepNames={EXCHANGE_STEP_NAMES}
        current={index}
        error={error}
        errorCode={errorCode}
        busy={busy}
        primaryLabel={step === 'save' ? (data.existing ? 'Save changes' : 'Save key server') : 'Next'}
        primaryDisabled={!isReady(step, data)}
        onPrimary={step === 'save' ? () => void save() : next}
        onBack={index > 0 ? back : undefined}
        onCancel={close}
      >
        <StepView />
      </WizardFrame>
    </Exchange.Provider>
  );
}
