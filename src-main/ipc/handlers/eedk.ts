import type { OpenStation } from '../../services';
import type { FileUploads } from '../file-uploads';
import type { Handlers } from '../register';

/** From the UI, EEDK files land in the station's exports folder; an unwrapped data key is reported by its check value only. */
export function eedkHandlers(
  { eedk, exports }: OpenStation,
  uploads: FileUploads,
): Pick<Handlers, 'eedk.wrap' | 'eedk.unwrap'> {
  return {
    // A supplied data key is wiped by the service after wrapping, and by the uploads once used.
    'eedk.wrap': ({ keks, dataKeyUpload }) =>
      dataKeyUpload
        ? uploads.use(dataKeyUpload, 'data-key', ({ bytes }) => exports.wrapEedk({ keks, dataKey: bytes }))
        : exports.wrapEedk({ keks }),
    'eedk.unwrap': ({ upload }) => uploads.use(upload, 'eedk', ({ bytes }) => eedk.identify(bytes)),
  };
}
