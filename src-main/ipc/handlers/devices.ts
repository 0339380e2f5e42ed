import type { OpenStation } from '../../services';
import type { Handlers } from '../register';

type DeviceHandlers = Pick<Handlers, Extract<keyof Handlers, `devices.${string}`>>;

/** Thin: the binder has parsed the input; one service call each. */
export function deviceHandlers({ devices }: OpenStation): DeviceHandlers {
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
    // The files' contents arrive from the renderer (it picked them); main parses them.
    'devices.ekmPreview': (input) =>
      devices.ekmPreview({
        name: input.name,
        config: { fileName: input.configFileName, text: input.configText },
        keystore:
          input.keystoreBase64 === undefined
            ? undefined
            : {
                fileName: input.keystoreFileName ?? 'keystore',
                bytes: Buffer.from(input.keystoreBase64, 'base64'),
                storePassword: input.storePassword,
              },
        metadata:
          input.metadataText === undefined
            ? undefined
            : { fileName: input.metadataFileName ?? 'metadata', text: input.metadataText },
        policy: input.policy,
      }),
    'devices.ekmCommit': ({ previewId }) => devices.ekmCommit(previewId),
    'devices.ekmDiscard': ({ previewId }) => {
      devices.ekmDiscard(previewId);
      return {};
    },
  };
}
