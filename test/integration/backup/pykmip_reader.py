"""PyKMIP's own client reads keys by name: prints {name: {"kcv"|"sha256": ..., "count": n}}.

Run with Debian's /usr/bin/python3. Usage: pykmip_reader.py PORT CERT KEY CA NAME...
With NAME=register:LABEL:HEXKEY it registers an AES key under LABEL instead (a foreign key).
"""
import hashlib
import json
import logging
import os
import sys
import tempfile

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from kmip.core import enums
from kmip.pie import objects
from kmip.pie.client import ProxyKmipClient


def main():
    logging.disable(logging.CRITICAL)
    port, cert, key, ca = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    fd, conf = tempfile.mkstemp(suffix='.conf')
    os.close(fd)
    out = {}
    try:
        with ProxyKmipClient(hostname='127.0.0.1', port=port, cert=cert, key=key, ca=ca, config_file=conf,
                             kmip_version=enums.KMIPVersion.KMIP_1_2) as c:
            for arg in sys.argv[5:]:
                if arg.startswith('register:'):
                    _, label, hexkey = arg.split(':')
                    sym = objects.SymmetricKey(enums.CryptographicAlgorithm.AES, 256, bytes.fromhex(hexkey), name=label)
                    out[label] = {'registered': c.register(sym)}
                    continue
                uids = c.locate(attributes=[c.attribute_factory.create_attribute(enums.AttributeType.NAME, arg)])
                entry = {'count': len(uids)}
                for uid in uids:
                    obj = c.get(uid)
                    if isinstance(obj, objects.SymmetricKey):
                        enc = Cipher(algorithms.AES(obj.value), modes.ECB()).encryptor()
                        entry['kcv'] = (enc.update(bytes(16)) + enc.finalize())[:3].hex().upper()
                    elif isinstance(obj, objects.X509Certificate):
                        entry['sha256'] = hashlib.sha256(obj.value).hexdigest().upper()
                    elif isinstance(obj, objects.PrivateKey):
                        entry['privateKeyBytes'] = len(obj.value)
                out[arg] = entry
    finally:
        os.unlink(conf)
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
