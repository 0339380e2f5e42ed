import type { FilePurpose } from '../../contract';
import type { OpenStation } from '../../services';
import type { FileUploads, UploadedFile } from '../file-uploads';
import type { Handlers } from '../register';

type DeviceHandlers = Pick<Handlers, Extract<keyof Handlers, `devices.${string}`>>;

/** Thin: the binder has parsed the input; one service call each. */
export function deviceHandlers({ devices }: OpenStation, uploads: FileUploads): DeviceHandlers {
  return {
    'devices.list': () => devices.list(),
    'devices.show': ({ name }) => devices.show(name),
    'devices.create': ({ group, sync }) => ({ jobId: devices.startCreate(group, sync).jobId }),
    'devices.delete': ({ name, confirm }) => {
      devices.delete(name, confirm);
      return {};
    },
    'devices.addDevice': ({ name, serial, wwn, description }) => devices.addDevice(name, { serial, wwn, description }),
    'devices.approve': ({ name, serial }) => devices.approve(name, serial),
    'devices.reject': ({ name, serial }) => devices.reject(name, serial),
    'devices.sync': ({ name }) => devices.sync(name),
    'devices.holdings': ({ name }) => devices.holdings(name),
    'devices.usedBy': ({ label }) => ({ label, cartridges: devices.cartridgesUsing(label) }),
    'devices.pendingCount': () => ({ pending: devices.pendingCount() }),
    // The files arrived from the renderer in chunks (it picked them); main parses them.
    'devices.ekmPreview': (input) =>
      uploads.use(input.config, 'ekm-config', (config) =>
        withOptional(uploads, input.keystore, 'keystore-import', (keystore) =>
          withOptional(uploads, input.metadata, 'ekm-metadata', (metadata) =>
            devices.ekmPreview({
              name: input.name,
              config: { fileName: config.name, text: config.bytes.toString('utf8') },
              keystore: keystore && {
                fileName: keystore.name,
                bytes: Buffer.from(keystore.bytes),
                storePassword: input.storePassword,
              },
              metadata: metadata && { fileName: metadata.name, text: metadata.bytes.toString('utf8') },
              policy: input.policy,
            }),
          ),
        ),
      ),
    'devices.ekmCommit': ({ previewId }) => devices.ekmCommit(previewId),
    'devices.ekmDiscard': ({ previewId }) => {
      devices.ekmDiscard(previewId);
      return {};
    },
  };
}

/** Runs `work` with an optional upload taken (and wiped after), or with undefined when none was sent. */
function withOptional<T>(
  uploads: FileUploads,
  uploadId: string | undefined,
  purpose: FilePurpose,
  work: (file: UploadedFile | undefined) => T | Promise<T>,
): Promise<T> {
  return uploadId === undefined ? Promise.resolve(work(undefined)) : uploads.use(uploadId, purpose, work);
}
