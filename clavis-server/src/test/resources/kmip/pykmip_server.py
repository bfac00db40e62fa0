"""Runs Debian's PyKMIP 0.10 server for a test: TLS 1.2 with client certificates, on a port
the system picks; prints that port on one line once the socket is bound, then serves until
SIGTERM.

usage: pykmip_server.py CERT KEY CA WORKDIR
"""
import os
import sys

from kmip.services.server import server


def main():
    cert, key, ca, workdir = sys.argv[1:5]
    policies = os.path.join(workdir, "policies")
    os.makedirs(policies, exist_ok=True)
    kmip = server.KmipServer(
        hostname="127.0.0.1",
        port=1,  # replaced below: the configuration refuses 0, the socket takes it
        certificate_path=cert,
        key_path=key,
        ca_path=ca,
        auth_suite="TLS1.2",
        config_path=None,
        log_path=os.path.join(workdir, "server.log"),
        policy_path=policies,
        enable_tls_client_auth=True,
        logging_level="INFO",
        database_path=os.path.join(workdir, "pykmip.db"),
    )
    kmip.config.settings["port"] = 0
    kmip.start()
    print(kmip._socket.getsockname()[1], flush=True)
    try:
        kmip.serve()
    finally:
        kmip.stop()


if __name__ == "__main__":
    main()
