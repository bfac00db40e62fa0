"""Registers keys, gets them wrapped and registers split keys through PyKMIP's ProxyKmipClient.

Usage: pykmip_keys.py HOST PORT CERT KEY CA VERSION PRIVATE_PKCS8_B64 PUBLIC_SPKI_B64
(pykmip_objects.py must be in the same directory.)
VERSION is 1.2, 1.4 or 2.0; the two keys are an RSA-2048 pair the caller made. Prints what happened
as JSON, each step as {"ok": true, ...} or {"ok": false, "reason": ..., "message": ...}. Used by
PyKmipKeysTest.
"""
import base64
import json
import logging
import sys
import uuid

from kmip.core import enums
from kmip.pie import objects

# The connection and the steps' bookkeeping are those of the objects script, copied beside this.
from pykmip_objects import connect, step

SIGNING = {
    "padding_method": enums.PaddingMethod.PKCS1v15,
    "hashing_algorithm": enums.HashingAlgorithm.SHA_256,
}


def b64(data):
    return base64.b64encode(data).decode()


def main():
    logging.basicConfig(level=logging.CRITICAL)
    host, port, cert, key, ca, version, private_b64, public_b64 = sys.argv[1:9]
    tag = version.replace(".", "") + "-" + uuid.uuid4().hex[:8]
    pkcs8 = base64.b64decode(private_b64)
    spki = base64.b64decode(public_b64)
    r = {}
    c = connect(host, port, cert, key, ca, version)
    try:
        data = b"signed by a registered key " + tag.encode()

        # ---- a private key registered, activated, signing ---------------------------------------
        def register_private():
            uid = c.register(objects.PrivateKey(
                enums.CryptographicAlgorithm.RSA, 2048, pkcs8, enums.KeyFormatType.PKCS_8,
                masks=[enums.CryptographicUsageMask.SIGN], name="pykmip-private-" + tag))
            c.activate(uid)
            signature = c.sign(data, uid, cryptographic_parameters=SIGNING)
            back = c.get(uid)
            public = c.get(uid + "-public")
            return {
                "uid": uid,
                "data": b64(data),
                "signature": b64(signature),
                "type": type(back).__name__,
                "format": back.key_format_type.name,
                "same": back.value == pkcs8,
                "publicSame": public.value == spki,
            }

        registered = step(r, "registerPrivateKey", register_private)

        # ---- the public key alone: verifies, never signs ----------------------------------------
        def register_public():
            uid = c.register(objects.PublicKey(
                enums.CryptographicAlgorithm.RSA, 2048, spki, enums.KeyFormatType.X_509,
                masks=[enums.CryptographicUsageMask.VERIFY], name="pykmip-public-" + tag))
            c.activate(uid)
            signature = base64.b64decode(registered["signature"]) if registered else b"none"
            valid = c.signature_verify(data, signature, uid, cryptographic_parameters=SIGNING)
            invalid = c.signature_verify(data + b"!", signature, uid,
                                         cryptographic_parameters=SIGNING)
            back = c.get(uid)
            return {
                "uid": uid,
                "valid": valid.name,
                "invalid": invalid.name,
                "type": type(back).__name__,
                "same": back.value == spki,
            }

        public = step(r, "registerPublicKey", register_public)
        public_uid = public["uid"] if public else "none"
        step(r, "signWithPublicKey",
             lambda: {"signature": b64(c.sign(data, public_uid, cryptographic_parameters=SIGNING))})

        # ---- Get with a Key Wrapping Specification (AES key wrap) -------------------------------
        def wrapped_get():
            kek = c.create(enums.CryptographicAlgorithm.AES, 256, name="pykmip-kek-" + tag,
                           cryptographic_usage_mask=[enums.CryptographicUsageMask.WRAP_KEY,
                                                     enums.CryptographicUsageMask.UNWRAP_KEY])
            c.activate(kek)
            target = c.create(enums.CryptographicAlgorithm.AES, 128, name="pykmip-wrapped-" + tag)
            wrapped = c.get(target, key_wrapping_specification={
                "wrapping_method": enums.WrappingMethod.ENCRYPT,
                "encryption_key_information": {
                    "unique_identifier": kek,
                    "cryptographic_parameters": {
                        "block_cipher_mode": enums.BlockCipherMode.NIST_KEY_WRAP},
                },
                "encoding_option": enums.EncodingOption.NO_ENCODING,
            })
            return {
                "kek": b64(c.get(kek).value),
                "plain": b64(c.get(target).value),
                "wrapped": b64(wrapped.value),
                "wrappedBy": wrapped.key_wrapping_data.get("encryption_key_information", {})
                .get("unique_identifier") == kek,
            }

        step(r, "wrappedGet", wrapped_get)

        # ---- a split key registered and got back ------------------------------------------------
        def split_key():
            part = bytes(range(16))
            uid = c.register(objects.SplitKey(
                cryptographic_algorithm=enums.CryptographicAlgorithm.AES,
                cryptographic_length=128,
                key_value=part,
                name="pykmip-split-" + tag,
                split_key_parts=4,
                key_part_identifier=2,
                split_key_threshold=3,
                split_key_method=enums.SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_16))
            back = c.get(uid)
            located = c.locate(attributes=[c.attribute_factory.create_attribute(
                enums.AttributeType.OBJECT_TYPE, enums.ObjectType.SPLIT_KEY)])
            return {
                "uid": uid,
                "type": type(back).__name__,
                "same": back.value == part,
                "parts": back.split_key_parts,
                "identifier": back.key_part_identifier,
                "threshold": back.split_key_threshold,
                "method": back.split_key_method.name,
                "located": uid in located,
            }

        step(r, "splitKey", split_key)
    finally:
        c.close()
    print(json.dumps(r))


if __name__ == "__main__":
    main()
