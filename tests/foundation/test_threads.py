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


def test_concurrent_first_calls_into_a_new_region_share_one_backend(kayvee, monkeypatch):
    """Two threads' first calls into eu-west-3: both writes land in the one backend kept.

    Building a backend is slowed down so that, were it built outside the lock, both threads
    would build one and the second would replace the first, orphaning its write.
    """
    import time

    import kv_mock.state

    real_backend = kv_mock.state.Backend

    def slow_backend(*args, **kwargs):
        time.sleep(0.2)
        return real_backend(*args, **kwargs)

    monkeypatch.setattr(kv_mock.state, "Backend", slow_backend)
    clients = [boto3.client("ssm", region_name="eu-west-3") for _ in range(2)]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def writer(index: int) -> None:
        barrier.wait()
        try:
            clients[index].put_parameter(Name=f"/first/{index}", Value="v", Type="String")
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    names = {p["Name"] for p in clients[0].describe_parameters()["Parameters"]}
    assert names == {"/first/0", "/first/1"}
