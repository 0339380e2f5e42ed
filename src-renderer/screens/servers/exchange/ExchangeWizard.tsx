import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useApp } from '../../store/app-store';
import { createWizardContext } from '../../wizard/use-wizard';
import { WizardFrame } from '../../wizard/WizardFrame';
import {
  clearProgress,
  EXCHANGE_STEP_NAMES,
  EXCHANGE_STEPS,
  freshExchange,
  saveProgress,
  savedProgress,
} from './exchange-model';
import type { ExchangeData, ExchangeStep } from './exchange-model';
import {
  HandOverStep,
  SaveStep,
  ServerCertificateStep,
  ServerStep,
  StationCertificateStep,
  TestStepView,
} from './ExchangeSteps';

export const Exchange = createWizardContext<ExchangeStep, ExchangeData>();

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
    const data: ExchangeData = existing
      ? {
          ...freshExchange(),
          existing: existing.name,
          name: existing.name,
          address: existing.address,
          kmipPort: existing.kmipPort,
          fetchPort: existing.kmipPort,
          role: existing.role,
          verifyHostname: existing.verifyHostname,
          trustLabel: existing.trustLabel,
          identityLabel: existing.identityLabel,
          identityMode: existing.identityLabel ? 'existing' : 'self-signed',
        }
      : freshExchange();
    return { data };
  });
  const { step, data, busy, error, goTo, back, run, fail } = useStore(store);
  useEffect(() => saveProgress(step, data), [step, data]);

  const index = EXCHANGE_STEPS.indexOf(step);
  const next = () => {
    const following = EXCHANGE_STEPS[index + 1];
    if (following) goTo(following);
  };
  const ready: Record<ExchangeStep, boolean> = {
    server: data.name.trim() !== '' && data.address.trim() !== '',
    'server-certificate': data.trustLabel !== null,
    'station-certificate': data.identityLabel !== null,
    'hand-over': true,
    test: data.test !== null,
    save: true,
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
        : await api.servers.add({
            name: data.name,
            address: data.address,
            kmipPort: data.kmipPort,
            role: data.role,
            ...bindings,
          });
      if (!result.ok) {
        fail(result.message);
        return false;
      }
      await loadServers();
      close();
      return true;
    });
  return (
    <Exchange.Provider value={store}>
      <WizardFrame
        title={data.existing ? `Certificate exchange: ${data.existing}` : 'Certificate exchange with a key server'}
        stepNames={EXCHANGE_STEP_NAMES}
        current={index}
        error={error}
        busy={busy}
        primaryLabel={step === 'save' ? (data.existing ? 'Save changes' : 'Save key server') : 'Next'}
        primaryDisabled={!ready[step]}
        onPrimary={step === 'save' ? () => void save() : next}
        onBack={index > 0 ? back : undefined}
        onCancel={close}
      >
        {step === 'server' ? <ServerStep /> : null}
        {step === 'server-certificate' ? <ServerCertificateStep /> : null}
        {step === 'station-certificate' ? <StationCertificateStep /> : null}
        {step === 'hand-over' ? <HandOverStep /> : null}
        {step === 'test' ? <TestStepView /> : null}
        {step === 'save' ? <SaveStep /> : null}
      </WizardFrame>
    </Exchange.Provider>
  );
}
