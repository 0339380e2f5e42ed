import type { OpenStation } from '../../services';
import type { Handlers } from '../register';

type UsbHandlers = Pick<
  Handlers,
  | 'usb.drives'
  | 'usb.driveLister'
  | 'usb.keySets'
  | 'usb.copies'
  | 'usb.create'
  | 'usb.rekey'
  | 'usb.addCopies'
  | 'usb.commit'
  | 'usb.cancel'
  | 'usb.validate'
  | 'usb.erase'
  | 'usb.setCustody'
  | 'usb.markLost'
>;

/** Prepares run as jobs (progress per drive in the jobs panel); the renderer gets the job id at once. */
export function usbHandlers({ usb }: OpenStation): UsbHandlers {
  const started = async (p: Promise<{ jobId: string; done: Promise<unknown> }>) => {
    const job = await p;
    job.done.catch(() => undefined); // the job board reports failures; nothing waits here
    return { jobId: job.jobId };
  };
  return {
    'usb.drives': () => usb.listDrives(),
    'usb.driveLister': () => usb.driveLister(),
    'usb.keySets': () => usb.listKeySets(),
    'usb.copies': ({ name }) => usb.copies(name),
    'usb.create': (input) => started(usb.create(input)),
    'usb.rekey': ({ name, drives }) => started(usb.rekey(name, drives)),
    'usb.addCopies': ({ name, drives }) => started(usb.addCopies(name, drives)),
    'usb.commit': ({ name }) => usb.commit(name),
    'usb.cancel': ({ name }) => usb.cancel(name),
    'usb.validate': ({ name }) => usb.validate(name),
    'usb.erase': ({ name, confirm }) => usb.erase(name, confirm),
    'usb.setCustody': ({ copyId, keptAt, custodian }) => usb.setCustody(copyId, { keptAt, custodian }),
    'usb.markLost': ({ copyId, confirm }) => usb.markLost(copyId, confirm),
  };
}
