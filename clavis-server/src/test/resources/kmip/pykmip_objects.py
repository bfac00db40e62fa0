"""Manages objects on a KMIP server through PyKMIP's ProxyKmipClient and prints what happened as JSON.

Usage: pykmip_objects.py HOST PORT CERT KEY CA VERSION REST_KEY_NAME
VERSION is 1.2, 1.4 or 2.0; REST_KEY_NAME names a key created over REST before the run. Each step
is recorded as {"ok": true, ...} or {"ok": false, "reason": ..., "message": ...}, so that one
failing step does not hide the others. Used by PyKmipObjectsTest.
"""
import base64
import json
import logging
import ssl
import sys
import uuid

from kmip.core import enums
from kmip.core import objects as cobjects
from kmip.core.factories import attributes as attribute_factories
from kmip.pie import exceptions
from kmip.pie import objects
from kmip.pie.client import ProxyKmipClient

VERSIONS = {
    "1.2": enums.KMIPVersion.KMIP_1_2,
    "1.4": enums.KMIPVersion.KMIP_1_4,
    "2.0": enums.KMIPVersion.KMIP_2_0,
}

FACTORY = attribute_factories.AttributeFactory()


def step(results, key, fn):
    """Runs fn, records its result (a dict) or its failure under key; returns the result or None."""
    try:
        out = fn() or {}
        out["ok"] = True
        results[key] = out
        return out
    except exceptions.KmipOperationFailure as e:
        results[key] = {
            "ok": False,
            "reason": getattr(e.reason, "name", str(e.reason)),
            "message": str(e.message),
        }
    except Exception as e:  # a client-side decoding failure is a finding too
        results[key] = {"ok": False, "reason": "CLIENT_ERROR", "message": repr(e)}
    return None


def name_attribute(name):
    return FACTORY.create_attribute(enums.AttributeType.NAME, name)


def attribute_names(attrs):
    return sorted({a.attribute_name.value for a in attrs})


def connect(host, port, cert, key, ca, version):
    """An open ProxyKmipClient speaking VERSION to the server, authenticated by the certificate."""
    c = ProxyKmipClient(
        hostname=host,
        port=int(port),
        cert=cert,
        key=key,
        ca=ca,
        ssl_version="PROTOCOL_SSLv23",
        kmip_version=VERSIONS[version],
    )
    c.open()
    return c


def main():
    logging.basicConfig(level=logging.CRITICAL)
    host, port, cert, key, ca, version, rest_key_name = sys.argv[1:8]
    two = version.startswith("2")
    tag = version.replace(".", "") + "-" + uuid.uuid4().hex[:8]
    with open(cert) as f:
        cert_der = ssl.PEM_cert_to_DER_cert(f.read())
    r = {}
    c = connect(host, port, cert, key, ca, version)
    try:
        # ---- the generic lifecycle -------------------------------------------------------------
        name = "pykmip-aes-" + tag
        created = step(r, "create", lambda: {"uid": c.create(
            enums.CryptographicAlgorithm.AES, 256, name=name)})
        uid = created["uid"] if created else None

        def get_attributes(names=None):
            got_uid, attrs = c.get_attributes(uid, names)
            return {"uid": got_uid, "names": attribute_names(attrs)}

        # All attributes: from KMIP 1.4 the answer holds Always Sensitive and Never Extractable,
        # which PyKMIP 0.10 cannot decode, so this step is asserted at 1.2 only.
        step(r, "getAllAttributes", get_attributes)
        step(r, "getAttributes", lambda: get_attributes(
            ["Name", "State", "Cryptographic Algorithm", "Cryptographic Length", "Object Type"]))
        step(r, "getAttributeList", lambda: {"names": sorted(c.get_attribute_list(uid))})
        step(r, "locateByName",
             lambda: {"uids": list(c.locate(attributes=[name_attribute(name)]))})

        def get_key():
            k = c.get(uid)
            return {"type": type(k).__name__, "length": len(k.value),
                    "algorithm": k.cryptographic_algorithm.name}

        step(r, "get", get_key)

        if two:
            step(r, "setAttribute", lambda: {"uid": c.set_attribute(
                uid, attribute_name="Contact Information", attribute_value="ops@example.com")})
            new_name = FACTORY.value_factory.create_attribute_value_by_enum(
                enums.Tags.NAME, name + "-renamed")
            step(r, "modifyAttribute", lambda: {"uid": c.modify_attribute(
                uid, new_attribute=cobjects.NewAttribute(attribute=new_name))[0]})
            contact = FACTORY.value_factory.create_attribute_value_by_enum(
                enums.Tags.CONTACT_INFORMATION, "ops@example.com")
            step(r, "deleteAttribute", lambda: {"uid": c.delete_attribute(
                uid, current_attribute=cobjects.CurrentAttribute(attribute=contact))[0]})
        else:
            renamed = cobjects.Attribute(
                attribute_name=cobjects.Attribute.AttributeName("Name"),
                attribute_index=cobjects.Attribute.AttributeIndex(0),
                attribute_value=FACTORY.value_factory.create_attribute_value(
                    enums.AttributeType.NAME, name + "-renamed"))
            step(r, "modifyAttribute",
                 lambda: {"uid": c.modify_attribute(uid, attribute=renamed)[0]})
            step(r, "deleteAttribute", lambda: {"uid": c.delete_attribute(
                uid, attribute_name="Name", attribute_index=0)[0]})
        step(r, "locateRenamed", lambda: {
            "uids": list(c.locate(attributes=[name_attribute(name + "-renamed")]))})

        step(r, "activate", lambda: c.activate(uid))
        step(r, "destroyActive", lambda: {"uid": c.destroy(uid)})
        step(r, "revoke", lambda: {"uid": c.revoke(
            enums.RevocationReasonCode.CESSATION_OF_OPERATION, uid, "retired")})
        step(r, "destroy", lambda: {"uid": c.destroy(uid)})
        step(r, "getDestroyed", lambda: {"length": len(c.get(uid).value)})

        # ---- register every object type and get it back ----------------------------------------
        def register_and_get(obj):
            obj_uid = c.register(obj)
            back = c.get(obj_uid)
            return {"uid": obj_uid, "type": type(back).__name__, "same": back.value == obj.value}

        aes = bytes(range(16))
        step(r, "registerSymmetricKey", lambda: register_and_get(objects.SymmetricKey(
            enums.CryptographicAlgorithm.AES, 128, aes, name="pykmip-reg-" + tag)))
        step(r, "registerSecretData", lambda: register_and_get(objects.SecretData(
            b"a database password", enums.SecretDataType.PASSWORD, name="pykmip-secret-" + tag)))
        step(r, "registerOpaqueObject", lambda: register_and_get(objects.OpaqueObject(
            b"\x00\x01opaque", enums.OpaqueDataType.NONE, name="pykmip-opaque-" + tag)))
        step(r, "registerCertificate", lambda: register_and_get(objects.X509Certificate(
            cert_der, name="pykmip-cert-" + tag)))

        # ---- what real clients send ------------------------------------------------------------
        def mongodb():
            secret = objects.SecretData(bytes(range(96)), enums.SecretDataType.SEED,
                                        name="mongodb-" + tag)
            sid = c.register(secret)
            c.activate(sid)
            back = c.get(sid)
            return {"uid": sid, "same": back.value == secret.value}

        step(r, "mongodb", mongodb)

        def mysql():
            key_name = "mysql-" + tag
            kid = c.create(enums.CryptographicAlgorithm.AES, 256, name=key_name)
            found = list(c.locate(attributes=[name_attribute(key_name)]))
            value = c.get(found[0]).value
            c.revoke(enums.RevocationReasonCode.CESSATION_OF_OPERATION, kid)
            c.destroy(kid)
            return {"uid": kid, "found": found, "length": len(value)}

        step(r, "mysql", mysql)

        def vmware():
            versions = c.proxy.discover_versions()
            query = c.proxy.query(query_functions=[enums.QueryFunction.QUERY_OPERATIONS])
            if versions.result_status.value != enums.ResultStatus.SUCCESS or \
                    query.result_status.value != enums.ResultStatus.SUCCESS:
                raise RuntimeError("Discover Versions or Query failed")
            kid = c.create(enums.CryptographicAlgorithm.AES, 256, name="vmware-" + tag)
            got_uid, attrs = c.get_attributes(kid, ["Name", "State", "Cryptographic Length"])
            value = c.get(kid).value
            return {"uid": kid, "names": attribute_names(attrs), "length": len(value)}

        step(r, "vmware", vmware)

        def ceph():
            key_name = "ceph-" + tag
            c.register(objects.SymmetricKey(enums.CryptographicAlgorithm.AES, 256,
                                            bytes(range(32)), name=key_name))
            found = list(c.locate(attributes=[name_attribute(key_name)]))
            return {"found": len(found), "length": len(c.get(found[0]).value)}

        step(r, "ceph", ceph)

        # ---- cryptographic operations: raw AES-CBC and HMAC -------------------------------------
        def cbc():
            kid = c.create(enums.CryptographicAlgorithm.AES, 256, name="cbc-" + tag)
            c.activate(kid)
            params = {"block_cipher_mode": enums.BlockCipherMode.CBC,
                      "padding_method": enums.PaddingMethod.PKCS5,
                      "cryptographic_algorithm": enums.CryptographicAlgorithm.AES}
            iv = bytes(range(16))
            data, _ = c.encrypt(b"plaintext of some length", kid, params, iv)
            back = c.decrypt(data, kid, params, iv)
            return {"length": len(data), "same": back == b"plaintext of some length"}

        step(r, "encryptDecryptCbc", cbc)

        def hmac():
            kid = c.create(enums.CryptographicAlgorithm.HMAC_SHA256, 256, name="mac-" + tag)
            c.activate(kid)
            _, mac = c.mac(b"message", kid, enums.CryptographicAlgorithm.HMAC_SHA256)
            return {"length": len(mac)}

        step(r, "mac", hmac)

        # ---- key pairs: Create Key Pair, Sign, Signature Verify, Get of the public key ---------
        def key_pair(algorithm, length, params):
            pub, priv = c.create_key_pair(
                algorithm, length,
                public_name="pub-" + tag,
                public_usage_mask=[enums.CryptographicUsageMask.VERIFY],
                private_name="priv-" + tag,
                private_usage_mask=[enums.CryptographicUsageMask.SIGN])
            c.activate(priv)
            data = b"signed by " + tag.encode()
            signature = c.sign(data, priv, cryptographic_parameters=params)
            valid = c.signature_verify(data, signature, pub, cryptographic_parameters=params)
            invalid = c.signature_verify(data + b"!", signature, pub,
                                         cryptographic_parameters=params)
            key = c.get(pub)
            return {
                "public": pub,
                "private": priv,
                "data": base64.b64encode(data).decode(),
                "signature": base64.b64encode(signature).decode(),
                "valid": valid.name,
                "invalid": invalid.name,
                "type": type(key).__name__,
                "format": key.key_format_type.name,
                "publicKey": base64.b64encode(key.value).decode(),
            }

        step(r, "rsaKeyPair", lambda: key_pair(
            enums.CryptographicAlgorithm.RSA, 2048,
            {"padding_method": enums.PaddingMethod.PSS,
             "hashing_algorithm": enums.HashingAlgorithm.SHA_256}))
        step(r, "ecKeyPair", lambda: key_pair(
            enums.CryptographicAlgorithm.EC, 384,
            {"digital_signature_algorithm":
                enums.DigitalSignatureAlgorithm.ECDSA_WITH_SHA384}))

        # ---- a key created over KMIP and activated, for REST; a REST key, for KMIP -------------
        def active_key():
            kid = c.create(enums.CryptographicAlgorithm.AES, 256, name="rest-use-" + tag)
            c.activate(kid)
            return {"uid": kid}

        step(r, "activeKey", active_key)
        step(r, "locateRestKey",
             lambda: {"uids": list(c.locate(attributes=[name_attribute(rest_key_name)]))})
        rest_uid = r["locateRestKey"]["uids"][0] if r["locateRestKey"].get("uids") else "none"
        step(r, "getRestKey", lambda: {"length": len(c.get(rest_uid).value)})
    finally:
        c.close()
    print(json.dumps(r))


if __name__ == "__main__":
    main()
