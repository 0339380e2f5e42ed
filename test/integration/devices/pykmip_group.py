"""PyKMIP 0.10's own client looks at what Custos put on the server (run with /usr/bin/python3).

  find PORT CERT KEY CA GROUP LABEL...   prints {"byGroup": [{uid, names, kcv}], "byName": {label: [{uid, kcv}]}}
  register PORT CERT KEY CA LABEL        registers a fresh AES-256 key named LABEL (another party's key)
"""
import json
import logging
import os
import sys
import tempfile

from cryptography.hazmat.backends import default_backend
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from kmip.core import enums
from kmip.core.factories import attributes as attribute_factory
from kmip.pie import objects
from kmip.pie.client import ProxyKmipClient


def kcv(key):
    """First 3 bytes of AES-ECB(key, zero block), upper-case hex: the key check value custodians compare."""
    encryptor = Cipher(algorithms.AES(bytes(key)), modes.ECB(), backend=default_backend()).encryptor()
    return (encryptor.update(bytes(16)) + encryptor.finalize())[:3].hex().upper()


def describe(client, uid):
    managed = client.get(uid)
    value = getattr(managed, 'value', None)
    names = list(getattr(managed, 'names', []) or [])
    if isinstance(managed, objects.SymmetricKey):
        return {'uid': uid, 'names': names, 'kcv': kcv(value), 'type': 'SymmetricKey'}
    import hashlib
    return {'uid': uid, 'names': names, 'sha256': hashlib.sha256(bytes(value)).hexdigest(), 'type': type(managed).__name__}


def main():
    logging.disable(logging.CRITICAL)
    mode, port, cert, key, ca = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
    fd, conf = tempfile.mkstemp(suffix='.conf')  # no [client] section: /etc/pykmip/pykmip.conf is never read
    os.close(fd)
    try:
        client = ProxyKmipClient(hostname='127.0.0.1', port=port, cert=cert, key=key, ca=ca, config_file=conf,
                                 kmip_version=enums.KMIPVersion.KMIP_1_2)
        client.open()
        factory = attribute_factory.AttributeFactory()
        if mode == 'register':
            uid = client.register(objects.SymmetricKey(enums.CryptographicAlgorithm.AES, 256, os.urandom(32),
                                                       name=sys.argv[6]))
            result = {'uid': uid}
        else:
            group, labels = sys.argv[6], sys.argv[7:]
            in_group = client.locate(attributes=[factory.create_attribute(enums.AttributeType.OBJECT_GROUP, group)])
            by_name = {}
            for label in labels:
                uids = client.locate(attributes=[factory.create_attribute(enums.AttributeType.NAME, label)])
                by_name[label] = [describe(client, uid) for uid in uids]
            result = {'byGroup': [describe(client, uid) for uid in in_group], 'byName': by_name}
        client.close()
    finally:
        os.unlink(conf)
    json.dump(result, sys.stdout)


if __name__ == '__main__':
    main()
