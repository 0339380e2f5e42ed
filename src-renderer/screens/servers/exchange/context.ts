import { createWizardContext } from '../../../wizard/use-wizard';
import type { ExchangeData, ExchangeStep } from './model';

/** The exchange wizard's store, provided by ExchangeWizard and read by each step. */
export const Exchange = createWizardContext<ExchangeStep, ExchangeData>();

export const useExchangeData = () => Exchange.useWizard((s) => s.data);
export const usePatch = () => Exchange.useWizard((s) => s.patch);
