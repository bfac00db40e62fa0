"""Re-keys and derives keys on a KMIP server through PyKMIP and prints what happened as JSON.

Usage: pykmip_rekey_derive.py HOST PORT CERT KEY CA VERSION BASE_KEY_B64 PASSWORD_B64 SALT_B64 DATA_B64 IV_B64
VERSION is 1.2, 1.4 or 2.0. The base key (AES-256) and the password are registered with Derive Key
in their usage mask; the derived values are printed (base64) for the test to recompute with the
JDK. Each step is recorded as pykmip_objects.step does: {"ok": true, ...} or {"ok": false, ...}.
Used by PyKmipRekeyDeriveTest.
"""
import base64
import json
import logging
import sys
import uuid

from kmip.core import attributes as core_attributes
from kmip.core import enums
from kmip.pie import exceptions
from kmip.pie import objects
from kmip.pie.client import ProxyKmipClient

from pykmip_objects import step  # copied beside this script by the test

VERSIONS = {
    "1.2": enums.KMIPVersion.KMIP_1_2,
    "1.4": enums.KMIPVersion.KMIP_1_4,
    "2.0": enums.KMIPVersion.KMIP_2_0,
}

DERIVE = [enums.CryptographicUsageMask.DERIVE_KEY]
CBC = {"block_cipher_mode": enums.BlockCipherMode.CBC,
       "padding_method": enums.PaddingMethod.PKCS5}


def b64(data):
    return base64.b64encode(data).decode()


def main():
    logging.basicConfig(level=logging.CRITICAL)
    host, port, cert, key, ca, version = sys.argv[1:7]
    base_key, password, salt, data, iv = (base64.b64decode(a) for a in sys.argv[7:12])
    tag = version.replace(".", "") + "-" + uuid.uuid4().hex[:8]
    r = {}
    c = ProxyKmipClient(hostname=host, port=int(port), cert=cert, key=key, ca=ca,
                        ssl_version="PROTOCOL_SSLv23", kmip_version=VERSIONS[version])
    c.open()
    try:
        # ---- Re-key: the name moves, the old key still decrypts, the new one works -------------
        def rekey():
            name = "rekey-" + tag
            old = c.create(enums.CryptographicAlgorithm.AES, 256, name=name)
            c.activate(old)
            sealed, _ = c.encrypt(b"written before the re-key", old, CBC, iv)
            new = c.rekey(uid=old)
            found = list(c.locate(attributes=[
                c.attribute_factory.create_attribute(enums.AttributeType.NAME, name)]))
            _, attrs = c.get_attributes(new, ["State", "Cryptographic Length"])
            fresh, _ = c.encrypt(b"written after the re-key", new, CBC, iv)
            return {
                "old": old,
                "new": new,
                "found": found,
                "oldDecrypts": c.decrypt(sealed, old, CBC, iv) == b"written before the re-key",
                "newDecrypts": c.decrypt(fresh, new, CBC, iv) == b"written after the re-key",
                "state": {a.attribute_name.value: str(a.attribute_value.value)
                          for a in attrs}.get("State"),
            }

        step(r, "rekey", rekey)

        def rekey_offset():
            old = c.create(enums.CryptographicAlgorithm.AES, 128, name="offset-" + tag)
            c.activate(old)
            new = c.rekey(uid=old, offset=3600)
            _, attrs = c.get_attributes(new, ["State"])
            return {"new": new, "state": str(attrs[0].attribute_value.value)}

        step(r, "rekeyOffset", rekey_offset)

        # ---- Re-key Key Pair (the low-level client: ProxyKmipClient has no method for it) -------
        def rekey_key_pair():
            _, priv = c.create_key_pair(enums.CryptographicAlgorithm.RSA, 2048,
                                        private_name="pair-" + tag)
            c.activate(priv)
            result = c.proxy.rekey_key_pair(
                private_key_uuid=core_attributes.PrivateKeyUniqueIdentifier(priv))
            if result.result_status.value != enums.ResultStatus.SUCCESS:
                raise exceptions.KmipOperationFailure(
                    result.result_status.value, result.result_reason.value,
                    result.result_message.value)
            new_priv = result.private_key_uuid
            new_pub = result.public_key_uuid
            params = {"padding_method": enums.PaddingMethod.PSS,
                      "hashing_algorithm": enums.HashingAlgorithm.SHA_256}
            signature = c.sign(data, new_priv, cryptographic_parameters=params)
            valid = c.signature_verify(data, signature, new_pub, cryptographic_parameters=params)
            return {"old": priv, "private": new_priv, "public": new_pub, "valid": valid.name}

        step(r, "rekeyKeyPair", rekey_key_pair)

        # ---- Derive Key from registered bases with Derive Key in their usage mask --------------
        def register_base(obj):
            uid = c.register(obj)
            c.activate(uid)
            return uid

        key_base = register_base(objects.SymmetricKey(
            enums.CryptographicAlgorithm.AES, 256, base_key,
            masks=[enums.CryptographicUsageMask.ENCRYPT, enums.CryptographicUsageMask.DECRYPT,
                   enums.CryptographicUsageMask.DERIVE_KEY],
            name="derive-base-" + tag))
        password_base = register_base(objects.SecretData(
            password, enums.SecretDataType.PASSWORD, masks=DERIVE, name="password-" + tag))

        def derived(object_type, base, method, parameters, **template):
            uid = c.derive_key(object_type, [base], method, parameters, **template)
            return {"uid": uid, "value": b64(c.get(uid).value)}

        step(r, "derivePbkdf2", lambda: derived(
            enums.ObjectType.SYMMETRIC_KEY, password_base, enums.DerivationMethod.PBKDF2,
            {"cryptographic_parameters": {"hashing_algorithm": enums.HashingAlgorithm.SHA_256},
             "salt": salt, "iteration_count": 1000},
            cryptographic_algorithm=enums.CryptographicAlgorithm.AES, cryptographic_length=256))
        step(r, "deriveHmac", lambda: derived(
            enums.ObjectType.SECRET_DATA, key_base, enums.DerivationMethod.HMAC,
            {"cryptographic_parameters": {"hashing_algorithm": enums.HashingAlgorithm.SHA_256},
             "derivation_data": data},
            cryptographic_length=256))
        step(r, "deriveHash", lambda: derived(
            enums.ObjectType.SYMMETRIC_KEY, key_base, enums.DerivationMethod.HASH,
            {"cryptographic_parameters": {"hashing_algorithm": enums.HashingAlgorithm.SHA_512},
             "derivation_data": data},
            cryptographic_algorithm=enums.CryptographicAlgorithm.HMAC_SHA512,
            cryptographic_length=512))
        step(r, "deriveEncrypt", lambda: derived(
            enums.ObjectType.SYMMETRIC_KEY, key_base, enums.DerivationMethod.ENCRYPT,
            {"cryptographic_parameters": {
                "cryptographic_algorithm": enums.CryptographicAlgorithm.AES,
                "block_cipher_mode": enums.BlockCipherMode.CBC,
                "padding_method": enums.PaddingMethod.NONE},
             "initialization_vector": iv, "derivation_data": data},
            cryptographic_algorithm=enums.CryptographicAlgorithm.AES, cryptographic_length=256))
        step(r, "deriveWithoutTheBit", lambda: derived(
            enums.ObjectType.SECRET_DATA,
            register_base(objects.SecretData(password, enums.SecretDataType.PASSWORD,
                                             masks=[enums.CryptographicUsageMask.ENCRYPT],
                                             name="no-derive-" + tag)),
            enums.DerivationMethod.HMAC, {"derivation_data": data}, cryptographic_length=256))
    finally:
        c.close()
    print(json.dumps(r))


if __name__ == "__main__":
    main()
