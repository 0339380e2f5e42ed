"""PyKMIP 0.10's side of the KMIP benchmarks (npm run bench; not a CI test).

Run with Debian's /usr/bin/python3, the only interpreter that has the kmip module. Every mode
times itself in-process (time.perf_counter), so interpreter start and imports are left out, and
prints one JSON object on stdout.

  codec HEXFILE RUNS           each line a message in hex; keeps the messages PyKMIP reads and
                               writes, then times RUNS passes of read + write over them
  create PORT CERT KEY CA N    one ProxyKmipClient connection: N x (create AES-256, activate)
  connect PORT CERT KEY CA N   N x (new ProxyKmipClient, open, Query), each timed alone
  register PORT CERT KEY CA FILE  one connection: registers each AES key of FILE (lines "name<TAB>hex"),
                               one Register per key, with its Name
"""
import json
import logging
import os
import sys
import tempfile
import time

from kmip.core import enums
from kmip.core.messages import messages
from kmip.core.utils import BytearrayStream

REQUEST_TAG = bytes.fromhex('420078')
RESPONSE_TAG = bytes.fromhex('42007b')


def round_trip(data):
    message = messages.RequestMessage() if data[:3] == REQUEST_TAG else messages.ResponseMessage()
    message.read(BytearrayStream(data))
    out = BytearrayStream()
    message.write(out)
    return out


def codec(path, runs):
    with open(path) as f:
        corpus = [bytes.fromhex(line.strip()) for line in f if line.strip()]
    accepted = []
    errors = {}
    for i, data in enumerate(corpus):
        try:
            round_trip(data)
            accepted.append(i)
        except Exception as e:  # PyKMIP lacks many operations and attributes of the OASIS cases
            key = type(e).__name__
            errors[key] = errors.get(key, 0) + 1
    kept = [corpus[i] for i in accepted]
    for data in kept:  # one warm-up pass
        round_trip(data)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for data in kept:
            round_trip(data)
        times.append((time.perf_counter() - started) * 1000)
    return {'accepted': accepted, 'errors': errors, 'ms': times}


def client(port, cert, key, ca, conf):
    from kmip.pie.client import ProxyKmipClient
    return ProxyKmipClient(hostname='127.0.0.1', port=port, cert=cert, key=key, ca=ca,
                           config_file=conf, kmip_version=enums.KMIPVersion.KMIP_1_2)


def create(port, cert, key, ca, n, conf):
    started = time.perf_counter()
    c = client(port, cert, key, ca, conf)
    c.open()
    uids = []
    for _ in range(n):
        uid = c.create(enums.CryptographicAlgorithm.AES, 256)
        c.activate(uid)
        uids.append(uid)
    ms = (time.perf_counter() - started) * 1000
    c.close()
    return {'ms': ms, 'created': len(set(uids))}


def register(port, cert, key, ca, path, conf):
    from kmip.pie import objects
    with open(path) as f:
        keys = [line.rstrip('\n').split('\t') for line in f if line.strip()]
    started = time.perf_counter()
    c = client(port, cert, key, ca, conf)
    c.open()
    uids = []
    for name, material in keys:
        value = bytes.fromhex(material)
        uids.append(c.register(objects.SymmetricKey(enums.CryptographicAlgorithm.AES, len(value) * 8, value, name=name)))
    ms = (time.perf_counter() - started) * 1000
    c.close()
    return {'ms': ms, 'registered': len(set(uids))}


def connect(port, cert, key, ca, n, conf):
    times = []
    for _ in range(n):
        started = time.perf_counter()
        c = client(port, cert, key, ca, conf)
        c.open()
        result = c.proxy.query(query_functions=[enums.QueryFunction.QUERY_OPERATIONS, enums.QueryFunction.QUERY_OBJECTS,
                                                   enums.QueryFunction.QUERY_SERVER_INFORMATION])
        times.append((time.perf_counter() - started) * 1000)
        if result.result_status.value != enums.ResultStatus.SUCCESS:
            raise RuntimeError('Query failed: {}'.format(result.result_reason))
        c.close()
    return {'ms': times}


def main():
    logging.disable(logging.CRITICAL)
    mode = sys.argv[1]
    if mode == 'codec':
        result = codec(sys.argv[2], int(sys.argv[3]))
    else:
        port, cert, key, ca = int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
        n = sys.argv[6] if mode == 'register' else int(sys.argv[6])
        # A config file with no [client] section, so /etc/pykmip/pykmip.conf is never read.
        fd, conf = tempfile.mkstemp(suffix='.conf')
        os.close(fd)
        try:
            result = {'create': create, 'connect': connect, 'register': register}[mode](port, cert, key, ca, n, conf)
        finally:
            os.unlink(conf)
    json.dump(result, sys.stdout)


if __name__ == '__main__':
    main()
