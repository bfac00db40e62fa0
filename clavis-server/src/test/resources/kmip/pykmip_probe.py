"""Asks a KMIP server what it supports, as PyKMIP does it, and prints the answers as JSON.

Usage: pykmip_probe.py HOST PORT CERT KEY CA VERSION
VERSION is 1.2, 1.4 or 2.0. Used by PyKmipInteropTest; exits non-zero on any failure.
"""
import json
import logging
import sys

from kmip.core import enums
from kmip.core.messages.contents import ProtocolVersion
from kmip.services.kmip_client import KMIPProxy

VERSIONS = {
    "1.2": enums.KMIPVersion.KMIP_1_2,
    "1.4": enums.KMIPVersion.KMIP_1_4,
    "2.0": enums.KMIPVersion.KMIP_2_0,
}


def name(value):
    return getattr(value, "name", str(value))


def version_text(pv):
    return "{}.{}".format(pv.major, pv.minor)


def main():
    logging.basicConfig(level=logging.ERROR)
    host, port, cert, key, ca, version = sys.argv[1:7]
    proxy = KMIPProxy(
        host=host,
        port=int(port),
        certfile=cert,
        keyfile=key,
        ca_certs=ca,
        cert_reqs="CERT_REQUIRED",
        ssl_version="PROTOCOL_SSLv23",
        kmip_version=VERSIONS[version],
    )
    proxy.open()
    try:
        everything = proxy.discover_versions()
        some = proxy.discover_versions(
            protocol_versions=[ProtocolVersion(1, 0), ProtocolVersion(1, 4), ProtocolVersion(9, 9)]
        )
        query = proxy.query(
            query_functions=[
                enums.QueryFunction.QUERY_OPERATIONS,
                enums.QueryFunction.QUERY_OBJECTS,
                enums.QueryFunction.QUERY_SERVER_INFORMATION,
            ]
        )
    finally:
        proxy.close()
    print(
        json.dumps(
            {
                "discoverVersions": {
                    "status": name(everything.result_status.value),
                    "versions": [version_text(v) for v in everything.protocol_versions],
                },
                "discoverSome": {
                    "status": name(some.result_status.value),
                    "versions": [version_text(v) for v in some.protocol_versions],
                },
                "query": {
                    "status": name(query.result_status.value),
                    "operations": [name(o) for o in (query.operations or [])],
                    "objectTypes": [name(o) for o in (query.object_types or [])],
                    "vendor": query.vendor_identification,
                    "serverInformation": query.server_information is not None,
                },
            }
        )
    )


if __name__ == "__main__":
    main()
