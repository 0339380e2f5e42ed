// Crash-test child: opens a station and creates and imports keys until it is killed, printing
// "ACK <label>" only after each operation returned (i.e. was acknowledged as committed).
import { randomBytes } from 'node:crypto';
import { openStation } from '../../../src-main/services';

const [home, passphrase, certBase64] = process.argv.slice(2) as [string, string, string];
const station = openStation(home, { via: 'cli', keychain: null, kdfLogN: 15 });

async function main(): Promise<void> {
  if (station.vault.state() === 'none') await station.vault.create(passphrase);
  else await station.vault.unlock(passphrase);
  process.stdout.write('READY\n');
  for (let i = 0; ; i++) {
    const label = `k-${process.pid}-${i}-${randomBytes(2).toString('hex')}`;
    if (i % 7 === 3) await station.keystore.createKek({ label, bits: 2048 });
    else if (i % 5 === 1)
      station.keystore.add({
        label,
        type: 'trusted-certificate',
        origin: 'imported:pem',
        certificateDer: Buffer.from(certBase64, 'base64'),
      });
    else await station.keystore.createSecretKey({ label });
    process.stdout.write(`ACK ${label}\n`);
  }
}
void main();
