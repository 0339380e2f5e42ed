export { ExchangeWizard } from './ExchangeWizard';
export { savedProgress } from './resume';
