"""KMS calls from many threads: every key and alias is kept, every ciphertext decrypts."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import boto3

from kv_mock import mock_kayvee


def test_keys_aliases_and_ciphertexts_from_threads():
    with mock_kayvee():
        kms = boto3.client("kms", region_name="us-east-1")  # botocore clients are thread-safe

        def work(index: int) -> tuple[str, bytes]:
            key_id = kms.create_key()["KeyMetadata"]["KeyId"]
            kms.create_alias(AliasName=f"alias/t{index}", TargetKeyId=key_id)
            blob = kms.encrypt(KeyId=f"alias/t{index}", Plaintext=str(index).encode())
            return key_id, blob["CiphertextBlob"]

        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(work, range(40)))
        listed = [k["KeyId"] for page in kms.get_paginator("list_keys").paginate()
                  for k in page["Keys"]]
        assert sorted(listed) == sorted(key_id for key_id, _ in results)
        for index, (key_id, blob) in enumerate(results):
            decrypted = kms.decrypt(CiphertextBlob=blob)
            assert decrypted["Plaintext"] == str(index).encode()
            assert decrypted["KeyId"].endswith(key_id)
        aliases = [a["AliasName"] for page in kms.get_paginator("list_aliases").paginate()
                   for a in page["Aliases"] if not a["AliasName"].startswith("alias/aws/")]
        assert sorted(aliases) == sorted(f"alias/t{i}" for i in range(40))
