import type { OpenStation } from '../../services';
import type { Handlers } from '../register';

export function jobHandlers(station: OpenStation): Pick<Handlers, 'jobs.cancel' | 'jobs.dismiss'> {
  return {
    'jobs.cancel': ({ id }) => station.jobs.cancel(id),
    'jobs.dismiss': ({ id }) => {
      station.jobs.dismiss(id);
      return {};
    },
  };
}
