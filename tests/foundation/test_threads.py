"""Concurrent writers lose and duplicate nothing."""

import threading

import boto3

THREADS = 8
WRITES_PER_THREAD = 12  # 97 versions in all: below the 100 AWS keeps


def test_concurrent_overwrites_get_distinct_consecutive_versions(kayvee):
    boto3.client("ssm", region_name="us-east-1").put_parameter(
        Name="/race", Value="start", Type="String"
    )
    versions: list[int] = []
    collect = threading.Lock()
    barrier = threading.Barrier(THREADS)

    def writer(index: int) -> None:
        ssm = boto3.client("ssm", region_name="us-east-1")
        barrier.wait()
        for write in range(WRITES_PER_THREAD):
            version = ssm.put_parameter(
                Name="/race", Value=f"{index}-{write}", Type="String", Overwrite=True
            )["Version"]
            with collect:
                versions.append(version)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(versions) == list(range(2, 2 + THREADS * WRITES_PER_THREAD))
    stored = kayvee.backend().parameters.get("/race")
    assert sorted(stored.versions) == list(range(1, 2 + THREADS * WRITES_PER_THREAD))
    values = {stored.versions[v].value for v in stored.versions}
    assert len(values) == THREADS * WRITES_PER_THREAD + 1
