import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenStation } from '../../services';
import { writeFileAtomic } from '../../services/files';
import type { FileUploads } from '../file-uploads';
import type { Handlers } from '../register';

/** From the UI, EEDK files land in the station's exports folder; an unwrapped data key is reported by its check value only. */
export function eedkHandlers(
  { eedk, exportsDir }: OpenStation,
  uploads: FileUploads,
): Pick<Handlers, 'eedk.wrap' | 'eedk.unwrap'> {
  return {
    'eedk.wrap': ({ keks }) => {
      const { file, kcv } = eedk.wrap({ keks });
      mkdirSync(exportsDir, { recursive: true, mode: 0o700 });
      const path = join(exportsDir, `eedk-${kcv}-${new Date().toISOString().replace(/[:.]/g, '-')}.eedk`);
      writeFileAtomic(path, file, 0o644);
      return { path, kcv };
    },
    'eedk.unwrap': ({ upload }) =>
      uploads.use(upload, 'eedk', ({ bytes }) => {
        const result = eedk.unwrap(bytes);
        result.dataKey.fill(0);
        return { kekLabel: result.kekLabel, encoding: result.encoding, kcv: result.kcv };
      }),
  };
}
